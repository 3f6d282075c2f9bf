import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { DecimalPrice, fromCents, toCents } from "./money.ts";

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
});
