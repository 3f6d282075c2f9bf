import { fromCents } from "../../contracts/money.ts";
import type { OrderView } from "../../contracts/orders/api.ts";
import type { Order, OrderItem } from "./entities.ts";

export const toOrderView = (order: Order, items: readonly OrderItem[]): OrderView => ({
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
  total: fromCents(order.totalCents),
  status: order.status,
  created_at: order.createdAt.toISOString(),
});
