import * as v from "valibot";
import { Quantity } from "../common/quantity.ts";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";
import { Cents } from "../money.ts";
import { orderPlacedV1 } from "./order-placed-v1.ts";

const Line = v.object({ product_id: Id, quantity: Quantity, unit_price_cents: Cents });

export const OrderPlaced = defineEvent({
  type: "order.placed",
  owner: "orders",
  version: 2,
  payload: v.object({ order_id: Id, user_id: Id, items: v.array(Line), total_cents: Cents, placed_at: Timestamp }),
  past: [orderPlacedV1],
});

export const OrderConfirmed = defineEvent({
  type: "order.confirmed",
  owner: "orders",
  payload: v.object({ order_id: Id, user_id: Id, items: v.array(Line), total_cents: Cents, charge_id: v.nullable(Id), confirmed_at: Timestamp }),
});

export const OrderCancelled = defineEvent({
  type: "order.cancelled",
  owner: "orders",
  payload: v.object({ order_id: Id, user_id: Id, reason: v.string(), items: v.array(Line), total_cents: Cents, cancelled_at: Timestamp }),
});
