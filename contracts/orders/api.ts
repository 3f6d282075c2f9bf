import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

export const OrderItemInput = v.object({
  product_id: Id,
  quantity: v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1, "must be at least 1"), v.maxValue(10_000)),
});

export const PlaceOrderBody = v.object({
  user_id: Id,
  items: v.pipe(
    v.array(OrderItemInput),
    v.minLength(1, "an order must have at least one item"),
    v.maxLength(50, "an order cannot have more than 50 items"),
  ),
});
export type PlaceOrderBody = v.InferOutput<typeof PlaceOrderBody>;

export const OrderView = v.object({
  id: Id,
  user_id: Id,
  items: v.array(
    v.object({ product_id: Id, quantity: v.number(), unit_price: v.number(), line_total: v.number() }),
  ),
  total: v.number(),
  status: v.string(),
  created_at: Timestamp,
});
export type OrderView = v.InferOutput<typeof OrderView>;
