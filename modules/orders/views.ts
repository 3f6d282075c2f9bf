import { fromCents } from "../../contracts/money.ts";
import type { CheckoutPreview, OrderView } from "../../contracts/orders/api.ts";
import type { Order, OrderItem, Saga } from "./entities.ts";
import type { Totals } from "./pricing.ts";

export const toCheckoutPreview = (totals: Totals): CheckoutPreview => ({
  subtotal: fromCents(totals.subtotalCents),
  discount: fromCents(totals.discountCents),
  shipping: fromCents(totals.shippingCents),
  total: fromCents(totals.totalCents),
  discount_code: totals.discountCode,
  pricing: totals.pricing,
});

export const toOrderView = (order: Order, items: readonly OrderItem[], saga?: Saga | null): OrderView => ({
  id: order.id,
  user_id: order.userId,
  items: [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => ({
      product_id: item.productId,
      quantity: item.quantity,
      unit_price: fromCents(item.unitPriceCents),
      line_total: fromCents(item.unitPriceCents * item.quantity),
    })),
  subtotal: fromCents(order.subtotalCents),
  discount: fromCents(order.discountCents),
  shipping: fromCents(order.shippingCents),
  total: fromCents(order.totalCents),
  discount_code: order.discountCode ?? null,
  pricing: order.pricing as OrderView["pricing"],
  status: order.status as OrderView["status"],
  status_reason: order.statusReason ?? null,
  saga_step: saga ? saga.step : null,
  created_at: order.createdAt.toISOString(),
  updated_at: order.updatedAt.toISOString(),
});
