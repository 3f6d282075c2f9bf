import * as v from "valibot";

/** Operator API: stock received for a product. */
export const ReceiptBody = v.object({ quantity: v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1), v.maxValue(1_000_000_000)) });
