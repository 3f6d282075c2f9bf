import type { PlaceOrderBody } from "../../contracts/orders/api.ts";
import { OrderPlaced } from "../../contracts/orders/events.ts";
import { GetUser } from "../../contracts/users/calls.ts";
import { ReleaseReservation, ReserveStock } from "../../contracts/warehouse/calls.ts";
import { AppError, isAppError, newId } from "../../runtime/module-api/index.ts";
import { createOrder } from "./create-order.ts";
import { placedPayload } from "./order-events.ts";
import { priceOrder } from "./pricing.ts";
import { quoteLines } from "./quote-lines.ts";
import { driveNew, sagaLeaseMs } from "./saga/runner.ts";
import { startSaga } from "./saga/start.ts";
import type { OrdersContext } from "./settings.ts";

/**
 * The operator's order (the TestMesh flow): the user must exist, prices come from the catalogue, and the
 * stock is reserved before the order exists (all or nothing, never below zero). The order and `order.placed`
 * then commit together and a saga commits the reservation. It stays pending: payment is collected offline.
 */
export async function placeOrder(ctx: OrdersContext, body: PlaceOrderBody) {
  await ctx.call(GetUser, { user_id: body.user_id }).catch((error: unknown) => {
    if (isAppError(error, "user_not_found")) throw new AppError("unknown_user", error.message);
    throw error;
  });
  const lines = await quoteLines(ctx, body.items);
  // Priced before anything is held: an order out of range (amount_out_of_range) reserves nothing.
  const totals = priceOrder(lines, 0);
  const orderId = newId();
  await ctx
    .call(ReserveStock, { order_id: orderId, items: lines.map(({ product_id, quantity }) => ({ product_id, quantity })) })
    .catch(async (error: unknown) => {
      if (isAppError(error, "insufficient_stock")) throw new AppError("insufficient_inventory", "not enough stock for this order", error.details);
      // A timeout does not say the stock was not held: give back whatever may be, rather than wait for its expiry.
      await ctx.call(ReleaseReservation, { order_id: orderId, reason: "order_not_created" }).catch(() => {});
      throw error;
    });
  try {
    const now = ctx.clock.now();
    const placed = await ctx.db.transaction(async (tx) => {
      const created = createOrder(tx.em, { id: orderId, userId: body.user_id, source: "operator", lines, totals, now });
      const event = tx.publish(OrderPlaced, placedPayload(created.order, lines));
      const saga = startSaga(tx.em, orderId, event, "operator", {
        deadlineMs: ctx.settings.CHECKOUT_TIMEOUT_MS,
        alreadyDone: ["reserve"],
        now,
        lease: { holder: ctx.instance, ms: sagaLeaseMs(ctx) },
      });
      return { ...created, saga };
    });
    driveNew(ctx, placed);
    return placed;
  } catch (error) {
    await ctx.call(ReleaseReservation, { order_id: orderId, reason: "order_not_created" }).catch(() => {});
    throw error;
  }
}
