import type { PlaceOrderBody } from "../../contracts/orders/api.ts";
import { OrderPlaced } from "../../contracts/orders/events.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { GetUser } from "../../contracts/users/calls.ts";
import { newId } from "../../runtime/bus/context.ts";
import { AppError, isAppError } from "../../runtime/errors.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { Order, OrderItem } from "./entities.ts";

/** Same product twice in one order is one line with the quantities added. */
const mergeLines = (items: PlaceOrderBody["items"]) => {
  const lines = new Map<string, number>();
  for (const item of items) lines.set(item.product_id, (lines.get(item.product_id) ?? 0) + item.quantity);
  return [...lines].map(([product_id, quantity]) => ({ product_id, quantity }));
};

/** Maps a provider's "no such thing" to this API's 422; timeouts and outages pass through as they are. */
const asUnprocessable = (code: string, as: string) => (error: unknown) => {
  if (isAppError(error, code)) throw new AppError(as, error.message, error.details);
  throw error;
};

/**
 * Accepts an order: the user must exist, every product must exist with enough stock (asked fresh from their
 * owners, before any transaction opens); the order and its `order.placed` event commit together.
 */
export async function placeOrder(ctx: ModuleContext, body: PlaceOrderBody) {
  const lines = mergeLines(body.items);
  await ctx.call(GetUser, { user_id: body.user_id }).catch(asUnprocessable("user_not_found", "unknown_user"));
  const { products } = await ctx
    .call(QuoteProducts, { product_ids: lines.map((l) => l.product_id) })
    .catch(asUnprocessable("product_not_found", "unknown_product"));
  const priced = lines.map((line) => {
    const product = products.find((p) => p.product_id === line.product_id);
    if (!product) throw new AppError("unknown_product", `unknown product ${line.product_id}`, { product_ids: [line.product_id] });
    return { ...line, unit_price_cents: product.unit_price_cents, available: product.inventory };
  });
  const short = priced.filter((line) => line.quantity > line.available);
  if (short.length > 0) {
    throw new AppError(
      "insufficient_inventory",
      "not enough stock for this order",
      short.map((l) => ({ product_id: l.product_id, requested: l.quantity, available: l.available })),
    );
  }
  return ctx.db.transaction(async (tx) => {
    const order = tx.em.create(Order, {
      id: newId(),
      userId: body.user_id,
      status: "pending",
      totalCents: priced.reduce((sum, l) => sum + l.unit_price_cents * l.quantity, 0),
      createdAt: new Date(),
    });
    const items = priced.map((line, position) =>
      tx.em.create(OrderItem, {
        id: newId(),
        orderId: order.id,
        position,
        productId: line.product_id,
        quantity: line.quantity,
        unitPriceCents: line.unit_price_cents,
      }),
    );
    tx.publish(OrderPlaced, {
      order_id: order.id,
      user_id: order.userId,
      items: priced.map((l) => ({ product_id: l.product_id, quantity: l.quantity, unit_price_cents: l.unit_price_cents })),
      total_cents: order.totalCents,
      placed_at: order.createdAt.toISOString(),
    });
    return { order, items };
  });
}
