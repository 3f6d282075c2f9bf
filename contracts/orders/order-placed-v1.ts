import * as v from "valibot";
import { Quantity } from "../common/quantity.ts";
import type { PastVersion } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";
import { Cents } from "../money.ts";

/**
 * order.placed as version 1 wrote it: camelCase fields (`orderId`, `userId`...). Version 2 renamed them to
 * snake_case — seed 001's `orderId` → `order_id`, the rename that silently dropped every confirmation email
 * when an old consumer met a new provider. Subscribers read v1 through this upcaster, so an old orders
 * service still running alongside new consumers breaks nothing.
 */
const V1 = v.object({
  orderId: Id,
  userId: Id,
  items: v.array(v.object({ productId: Id, quantity: Quantity, unitPriceCents: Cents })),
  totalCents: Cents,
  placedAt: Timestamp,
});
type V1 = v.InferOutput<typeof V1>;

interface V2 {
  order_id: string;
  user_id: string;
  items: { product_id: string; quantity: number; unit_price_cents: number }[];
  total_cents: number;
  placed_at: string;
}

export const orderPlacedV1: PastVersion = {
  version: 1,
  schema: V1,
  upcast: (value) => {
    const old = value as V1;
    return {
      order_id: old.orderId,
      user_id: old.userId,
      items: old.items.map((i) => ({ product_id: i.productId, quantity: i.quantity, unit_price_cents: i.unitPriceCents })),
      total_cents: old.totalCents,
      placed_at: old.placedAt,
    } satisfies V2;
  },
  downcast: (value) => {
    const current = value as V2;
    return {
      orderId: current.order_id,
      userId: current.user_id,
      items: current.items.map((i) => ({ productId: i.product_id, quantity: i.quantity, unitPriceCents: i.unit_price_cents })),
      totalCents: current.total_cents,
      placedAt: current.placed_at,
    } satisfies V1;
  },
};
