import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";
import { Cents } from "../money.ts";

export const OrderPlaced = defineEvent({
  type: "order.placed",
  owner: "orders",
  payload: v.object({
    order_id: Id,
    user_id: Id,
    items: v.array(
      v.object({ product_id: Id, quantity: v.pipe(v.number(), v.integer(), v.minValue(1)), unit_price_cents: Cents }),
    ),
    total_cents: Cents,
    placed_at: Timestamp,
  }),
});
