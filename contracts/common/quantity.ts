import * as v from "valibot";

/**
 * Quantities follow the rule of money (contracts/money.ts): every quantity and stock column is a Postgres
 * `bigint` read back as a JS number, and every contract caps what it accepts. One line holds at most
 * MAX_QUANTITY, one receipt brings at most MAX_RECEIPT, and a product's stock never exceeds MAX_STOCK (a
 * receipt that would take it past is refused with 422 `amount_out_of_range`), so every sum stays exact.
 */
export const MAX_QUANTITY = 10_000;
const MAX_RECEIPT = 1_000_000_000;
export const MAX_STOCK = Number.MAX_SAFE_INTEGER;

/** How many of one product: a whole number from 1 to MAX_QUANTITY. */
export const Quantity = v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1, "must be at least 1"), v.maxValue(MAX_QUANTITY));

/** Stock arriving at once: a whole number from 0 to MAX_RECEIPT. */
export const ReceivedQuantity = v.pipe(v.number(), v.integer("must be an integer"), v.minValue(0), v.maxValue(MAX_RECEIPT));

/** Stock on hand, reserved or available, or asked for in total: a whole number from 0 to MAX_STOCK. */
export const StockQuantity = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_STOCK));

export const ProductQuantity = v.object({ product_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), quantity: Quantity });
export type ProductQuantity = v.InferOutput<typeof ProductQuantity>;
