import type { EventPayload } from "../../contracts/define.ts";
import type { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import type { Order, OrderItem } from "./entities.ts";
import type { Line } from "./pricing.ts";

// The orders' events, built one way: by checkout, the operator's order and the saga, and by the provider
// states that announce them for contract verification.

const linesOf = (items: readonly OrderItem[]): Line[] =>
  items.map((i) => ({ product_id: i.productId, quantity: i.quantity, unit_price_cents: i.unitPriceCents }));

export const placedPayload = (order: Order, lines: readonly Line[]): EventPayload<typeof OrderPlaced> => ({
  order_id: order.id,
  user_id: order.userId,
  items: lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity, unit_price_cents: l.unit_price_cents })),
  total_cents: order.totalCents,
  placed_at: order.createdAt.toISOString(),
});

export const confirmedPayload = (
  order: Order,
  items: readonly OrderItem[],
  chargeId: string | null,
  at: Date,
): EventPayload<typeof OrderConfirmed> => ({
  order_id: order.id,
  user_id: order.userId,
  items: linesOf(items),
  total_cents: order.totalCents,
  charge_id: chargeId,
  confirmed_at: at.toISOString(),
});

export const cancelledPayload = (order: Order, items: readonly OrderItem[], at: Date): EventPayload<typeof OrderCancelled> => ({
  order_id: order.id,
  user_id: order.userId,
  reason: order.statusReason ?? "cancelled",
  items: linesOf(items),
  total_cents: order.totalCents,
  cancelled_at: at.toISOString(),
});
