import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { DecimalPrice, fromCents, MAX_CENTS, toCents } from "./money.ts";

/** What the API does with an amount: cents as a decimal in JSON, parsed by the client, sent back and turned into cents. */
const throughTheWire = (cents: number) => toCents(JSON.parse(JSON.stringify(fromCents(cents))) as number);
const written = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
const near = (top: number) => Array.from({ length: 2000 }, (_, i) => top - i);

describe("money", () => {
  it("is exact in cents where floating point is not", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(fromCents(toCents(0.1) + toCents(0.2))).toBe(0.3);
    expect(fromCents(toCents(29.99) * 2)).toBe(59.98);
  });

  it("accepts prices with at most two decimals, non-negative", () => {
    expect(v.is(DecimalPrice, 29.99)).toBe(true);
    expect(v.is(DecimalPrice, 0)).toBe(true);
    expect(v.is(DecimalPrice, 1.234)).toBe(false);
    expect(v.is(DecimalPrice, -1)).toBe(false);
    expect(v.is(DecimalPrice, Number.NaN)).toBe(false);
  });

  it("keeps every cent up to MAX_CENTS as a decimal on the wire and in messages; Number.MAX_SAFE_INTEGER would not", () => {
    for (const cents of near(MAX_CENTS)) {
      expect(throughTheWire(cents)).toBe(cents);
      expect(fromCents(cents).toFixed(2)).toBe(written(cents));
    }
    expect(near(Number.MAX_SAFE_INTEGER).filter((cents) => throughTheWire(cents) !== cents).length).toBeGreaterThan(0);
  });
});
