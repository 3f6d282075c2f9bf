import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration.ts";
import { UnknownVariableError } from "./errors.ts";
import { interpolate, interpolateString, UnknownVariableAt } from "./interpolate.ts";
import { toQuestionMarks } from "./placeholders.ts";
import { Variables } from "./variables.ts";

const vars = () => {
  const scope = new Variables({ FROM_PROCESS: "proc" });
  scope.set("user_id", "u-1");
  scope.set("qty", 2);
  scope.set("address", { city: "London" });
  scope.set("EMAIL", "a@example.com");
  return scope;
};

describe("interpolation", () => {
  it("replaces {{var}} and ${VAR} inside strings", () => {
    expect(interpolateString("/api/v1/users/{{user_id}}/x", vars())).toBe("/api/v1/users/u-1/x");
    expect(interpolateString("{{ user_id }}-{{qty}}", vars())).toBe("u-1-2");
    expect(interpolateString("mail ${EMAIL}", vars())).toBe("mail a@example.com");
  });

  it("keeps the type of a string that is exactly one placeholder", () => {
    expect(interpolateString("{{qty}}", vars())).toBe(2);
    expect(interpolateString("{{address}}", vars())).toEqual({ city: "London" });
    expect(interpolateString("at {{address}}", vars())).toBe('at {"city":"London"}');
  });

  it("reads ${NAME} from the process environment when the flow does not define it; {{name}} never does", () => {
    expect(interpolateString("${FROM_PROCESS}", vars())).toBe("proc");
    expect(() => interpolateString("{{FROM_PROCESS}}", vars())).toThrow(UnknownVariableError);
  });

  it("walks a whole config, leaving keys, non-strings and skipped keys alone", () => {
    const config = { url: "/u/{{user_id}}", body: { items: [{ quantity: "{{qty}}", keep: 3 }] }, until: ["x == {{nope}}"] };
    expect(interpolate(config, vars(), ["until"])).toEqual({ url: "/u/u-1", body: { items: [{ quantity: 2, keep: 3 }] }, until: ["x == {{nope}}"] });
  });

  it("reports where an unknown variable was written and which ones exist", () => {
    let caught: unknown;
    try {
      interpolate({ body: { items: [{ id: "{{usr_id}}" }] } }, vars());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownVariableAt);
    expect((caught as UnknownVariableAt).path).toEqual(["body", "items", 0, "id"]);
    expect((caught as UnknownVariableAt).message).toBe("unknown variable {{usr_id}}");
    expect((caught as UnknownVariableAt).problem.defined).toBe("; defined: user_id, qty, address, EMAIL");
  });
});

describe("$n placeholders", () => {
  it("become ? in order of appearance, the parameters reordered to match", () => {
    expect(toQuestionMarks("select * from t where a = $2 and b = $1 or c = $2", ["one", "two"])).toEqual({
      query: "select * from t where a = ? and b = ? or c = ?",
      params: ["two", "one", "two"],
    });
  });

  it("leave quoted text and ?-queries alone", () => {
    expect(toQuestionMarks("select '$1', \"$2\" from t where id = $1", ["x"])).toEqual({
      query: "select '$1', \"$2\" from t where id = ?",
      params: ["x"],
    });
    expect(toQuestionMarks("select * from t where id = ?", ["x"])).toEqual({ query: "select * from t where id = ?", params: ["x"] });
  });

  it("refuse a missing parameter and mixed styles", () => {
    expect(() => toQuestionMarks("select $2", ["x"])).toThrow(/\$2 has no parameter/);
    expect(() => toQuestionMarks("select $1, ?", ["x"])).toThrow(/mixes/);
  });
});

describe("durations", () => {
  it.each([
    ["15s", 15_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["1.5s", 1500],
    [250, 250],
  ])("%j", (written, ms) => {
    expect(parseDuration(written)).toBe(ms);
  });

  it("refuses anything else", () => {
    expect(() => parseDuration("soon")).toThrow(/not a duration/);
  });
});
