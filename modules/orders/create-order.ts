import type { EntityManager } from "@mikro-orm/postgresql";
import type { Address } from "../../contracts/common/address.ts";
import { isSynthetic, newId } from "../../runtime/module-api/index.ts";
import { Order, OrderItem } from "./entities.ts";
import type { Line, Totals } from "./pricing.ts";

/** Writes an order and its lines (pending) in the caller's transaction. */
export function createOrder(
  em: EntityManager,
  fields: { id: string; userId: string; source: string; lines: readonly Line[]; totals: Totals; shippingAddress?: Address; now: Date },
) {
  const now = fields.now;
  const order = em.create(Order, {
    id: fields.id,
    userId: fields.userId,
    source: fields.source,
    status: "pending",
    statusReason: null,
    subtotalCents: fields.totals.subtotalCents,
    discountCents: fields.totals.discountCents,
    shippingCents: fields.totals.shippingCents,
    totalCents: fields.totals.totalCents,
    discountCode: fields.totals.discountCode,
    pricing: fields.totals.pricing,
    shippingAddress: fields.shippingAddress ?? null,
    synthetic: isSynthetic(),
    createdAt: now,
    updatedAt: now,
  });
  const items = fields.lines.map((line, position) =>
    em.create(OrderItem, {
      id: newId(),
      orderId: order.id,
      position,
      productId: line.product_id,
      quantity: line.quantity,
      unitPriceCents: line.unit_price_cents,
    }),
  );
  return { order, items };
}
