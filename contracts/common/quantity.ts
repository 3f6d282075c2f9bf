import * as v from "valibot";

/** How many of one product: a whole number from 1 to 10,000. */
export const Quantity = v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1, "must be at least 1"), v.maxValue(10_000));

export const ProductQuantity = v.object({ product_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), quantity: Quantity });
export type ProductQuantity = v.InferOutput<typeof ProductQuantity>;
