import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";
import { DecimalPrice } from "../money.ts";

export const CreateProductBody = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200)),
  description: v.optional(v.pipe(v.string(), v.maxLength(5000)), ""),
  price: DecimalPrice,
  inventory: v.pipe(v.number(), v.integer("must be an integer"), v.minValue(0), v.maxValue(1_000_000_000)),
});
export type CreateProductBody = v.InferOutput<typeof CreateProductBody>;

export const ProductView = v.object({
  id: Id,
  name: v.string(),
  description: v.string(),
  price: v.number(),
  inventory: v.number(),
  created_at: Timestamp,
});
export type ProductView = v.InferOutput<typeof ProductView>;
