import { describe, expect, it } from "vitest";
import { percentEncode, raw, toJson, toQuery } from "./encode.ts";

describe("encoding fuzzed values", () => {
  it("writes JSON with raw tokens and an own __proto__ key kept as a key", () => {
    const value = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    value.price = raw("-0");
    value.missing = undefined;
    expect(toJson(value)).toBe('{"__proto__":{"polluted":true},"price":-0}');
    expect(toJson(["\ud800", raw("1e999"), undefined])).toBe('["\\ud800",1e999,null]');
  });

  it("percent-encodes lone surrogates as their WTF-8 bytes, pairs as UTF-8", () => {
    expect(percentEncode("a\ud800b")).toBe("a%ED%A0%80b");
    expect(percentEncode("🙂/")).toBe("%F0%9F%99%82%2F");
  });

  it("repeats a parameter given several values, and leaves raw values unencoded", () => {
    expect(toQuery({ limit: ["1", "2"], q: "a b", cursor: undefined })).toBe("?limit=1&limit=2&q=a%20b");
    expect(toQuery({ q: raw("%ZZ"), n: 5 })).toBe("?q=%ZZ&n=5");
    expect(toQuery(null)).toBe("");
  });
});
