import type { EntityManager } from "@mikro-orm/postgresql";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import { AppError, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { createOrder } from "./create-order.ts";
import { Order, OrderItem } from "./entities.ts";
import { cancelledPayload, confirmedPayload, placedPayload } from "./order-events.ts";
import { priceOrder } from "./pricing.ts";

type Params = Readonly<Record<string, string | number | boolean>>;

/**
 * A contract's order of one unit of one product, written once under the given id (no saga: nothing drives
 * it), then put in the status the state names.
 */
async function ensureOrder(em: EntityManager, params: Params, status: string, reason: string | null = null) {
  const id = String(params.order_id);
  const existing = await em.findOne(Order, { id });
  const lines = [{ product_id: String(params.product_id), quantity: 1, unit_price_cents: 1999 }];
  const { order, items } = existing
    ? { order: existing, items: await em.find(OrderItem, { orderId: id }, { orderBy: { position: "asc" } }) }
    : createOrder(em, { id, userId: String(params.user_id), source: "checkout", lines, totals: priceOrder(lines, 499), now: new Date() });
  order.status = status;
  order.statusReason = reason;
  order.updatedAt = new Date();
  return { order, items };
}

/** The states the consumers of orders.has_purchased and the order events name. */
export const ordersProviderStates: Record<string, ProviderStateHandler> = {
  "user bought the product": async (ctx, params) => {
    await ctx.db.transaction(({ em }) => ensureOrder(em, params, "confirmed"));
  },

  "user has not bought the product": async (ctx, params) => {
    const bought = await ctx.db.em().execute(
      `select 1 from "orders"."orders" o join "orders"."order_items" i on i.order_id = o.id
         where o.user_id = ? and o.status = 'confirmed' and i.product_id = ? limit 1`,
      [String(params.user_id), String(params.product_id)],
    );
    if (bought.length > 0) throw new AppError("precondition_failed", `user ${params.user_id} bought product ${params.product_id}`);
  },

  "order has just been placed": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      const { order, items } = await ensureOrder(tx.em, params, "pending");
      const lines = items.map((i) => ({ product_id: i.productId, quantity: i.quantity, unit_price_cents: i.unitPriceCents }));
      tx.publish(OrderPlaced, placedPayload(order, lines));
    }),

  "order has just been confirmed": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      const { order, items } = await ensureOrder(tx.em, params, "confirmed");
      tx.publish(OrderConfirmed, confirmedPayload(order, items, params.charge_id === undefined ? null : String(params.charge_id), new Date()));
    }),

  "order has just been cancelled": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      const { order, items } = await ensureOrder(tx.em, params, "cancelled", String(params.reason));
      tx.publish(OrderCancelled, cancelledPayload(order, items, new Date()));
    }),
};
