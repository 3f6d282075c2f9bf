import * as v from "valibot";

/** Money is integer cents everywhere inside; the public API shows decimals (29.99). */
export const Cents = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const hasAtMostTwoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** A price as the public API takes it: a non-negative decimal with at most two places. */
export const DecimalPrice = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(100_000_000),
  v.check(hasAtMostTwoDecimals, "must have at most two decimal places"),
);

export const toCents = (amount: number): number => Math.round(amount * 100);
export const fromCents = (cents: number): number => cents / 100;
