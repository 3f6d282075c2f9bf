import * as v from "valibot";

/**
 * Money is integer cents everywhere inside; the public API shows decimals (29.99).
 *
 * The one rule for amounts: every money column is a Postgres `bigint` read back as a JS number, and no amount
 * may exceed MAX_CENTS — not one a contract accepts, not one computed from accepted ones (price × quantity ×
 * lines, a total with shipping). A computation that would go past it is refused with 422
 * `amount_out_of_range`, never stored rounded. The cap is below Number.MAX_SAFE_INTEGER on purpose: the
 * decimals on the wire (`cents / 100` as a JS number) keep every cent distinct only up to about 7 × 10^13,
 * and 10^15 cents (10,000,000,000,000.00) leaves room to spare.
 */
export const MAX_CENTS = 1_000_000_000_000_000;

/** The most one product may cost, as the public API writes it (10^10 cents). */
export const MAX_PRICE = 100_000_000;

export const Cents = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_CENTS));

const hasAtMostTwoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** A price as the public API takes it: a non-negative decimal with at most two places, at most MAX_PRICE. */
export const DecimalPrice = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(MAX_PRICE),
  v.check(hasAtMostTwoDecimals, "must have at most two decimal places"),
);

export const toCents = (amount: number): number => Math.round(amount * 100);
export const fromCents = (cents: number): number => cents / 100;

/** An amount as the public API shows it (a price, a total, a charge): decimals, at most MAX_CENTS in cents. */
export const DecimalAmount = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(fromCents(MAX_CENTS)));
