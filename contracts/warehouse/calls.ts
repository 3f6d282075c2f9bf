import * as v from "valibot";
import { ProductQuantity, Quantity, ReceivedQuantity } from "../common/quantity.ts";
import { defineCall } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";
import { StockLevel } from "./stock.ts";

const Reservation = v.object({
  reservation_id: Id,
  order_id: Id,
  status: v.picklist(["held", "committed", "released"]),
  expires_at: Timestamp,
  items: v.array(ProductQuantity),
});

/**
 * Stock arriving; idempotent by `receipt_id`, so a retried receipt is counted once. A receipt that would take
 * the stock past MAX_STOCK is refused (amount_out_of_range) and counts nothing.
 */
export const ReceiveStock = defineCall({
  name: "warehouse.receive",
  owner: "warehouse",
  request: v.object({ receipt_id: Id, product_id: Id, quantity: ReceivedQuantity }),
  reply: StockLevel,
  errors: ["amount_out_of_range"],
});

/** The longest an order's stock may be held (`ttl_ms`): a day. */
export const LONGEST_HOLD_MS = 86_400_000;

/**
 * Holds stock for an order until `expires_at`; all lines or none. Idempotent by `order_id`. Never lets
 * available stock go below zero: the last unit goes to exactly one of two concurrent orders.
 */
export const ReserveStock = defineCall({
  name: "warehouse.reserve",
  owner: "warehouse",
  request: v.object({
    order_id: Id,
    items: v.pipe(v.array(v.object({ product_id: Id, quantity: Quantity })), v.minLength(1), v.maxLength(50)),
    ttl_ms: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(LONGEST_HOLD_MS))),
  }),
  reply: Reservation,
  errors: ["insufficient_stock"],
});

/** Turns an order's held stock into a sale. Idempotent; an expired or released reservation cannot commit. */
export const CommitReservation = defineCall({
  name: "warehouse.commit",
  owner: "warehouse",
  request: v.object({ order_id: Id }),
  reply: Reservation,
  errors: ["reservation_not_found", "reservation_expired"],
});

/** Gives an order's held stock back. Idempotent; releasing what was never reserved is a no-op. */
export const ReleaseReservation = defineCall({
  name: "warehouse.release",
  owner: "warehouse",
  request: v.object({ order_id: Id, reason: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) }),
  reply: v.object({ order_id: Id, released: v.boolean() }),
  errors: ["reservation_committed"],
});

export const GetAvailability = defineCall({
  name: "warehouse.availability",
  owner: "warehouse",
  request: v.object({ product_ids: v.pipe(v.array(Id), v.minLength(1), v.maxLength(100)) }),
  reply: v.object({ stock: v.array(StockLevel) }),
  retrySafe: true,
});
