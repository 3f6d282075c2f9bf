import type { EntityManager } from "@mikro-orm/postgresql";
import type { CheckoutBody, OrderView } from "../../contracts/orders/api.ts";
import { OrderPlaced } from "../../contracts/orders/events.ts";
import { AppError, newId, type Principal } from "../../runtime/module-api/index.ts";
import { createOrder } from "./create-order.ts";
import { placedPayload } from "./order-events.ts";
import { priceCart } from "./price-cart.ts";
import { driveNew, sagaLeaseMs } from "./saga/runner.ts";
import { startSaga } from "./saga/start.ts";
import { callsAhead } from "./saga/steps.ts";
import type { OrdersContext } from "./settings.ts";
import { toOrderView } from "./views.ts";

/**
 * A customer's checkout: the cart as the cart module has it now, priced from the catalogue by the customer's
 * pricing rule (the `new_pricing` flag), discounted, written as a pending order with its saga and `order.placed`. The saga does the rest (reserve, charge,
 * commit, confirm), so this answers 202 at once; the order's status tells how it ended. While the circuit
 * to warehouse or payments is open it answers circuit_open (503) instead, at once.
 */
export async function checkout(
  ctx: OrdersContext,
  who: Principal,
  body: CheckoutBody,
  /** Given the answer inside the order's transaction: the idempotency key is completed with the order. */
  settle?: (em: EntityManager, view: OrderView) => Promise<void>,
) {
  if (!who.email_verified) throw new AppError("email_not_verified", "verify your email address before checking out");
  // A dependency known to be failing (its circuit is open) refuses the checkout now, before an order exists:
  // its saga would only wait, then cancel, and nothing is reserved or charged meanwhile.
  ctx.ensureAvailable(callsAhead("checkout"));
  const { lines, totals } = await priceCart(ctx, who.user_id, body.discount_code || undefined);
  const orderId = newId();
  const now = ctx.clock.now();
  const placed = await ctx.db.transaction(async (tx) => {
    const created = createOrder(tx.em, {
      id: orderId,
      userId: who.user_id,
      source: "checkout",
      lines,
      totals,
      shippingAddress: body.shipping_address,
      now,
    });
    const event = tx.publish(OrderPlaced, placedPayload(created.order, lines));
    const saga = startSaga(tx.em, orderId, event, "checkout", {
      paymentToken: body.payment_token,
      deadlineMs: ctx.settings.CHECKOUT_TIMEOUT_MS,
      now,
      lease: { holder: ctx.instance, ms: sagaLeaseMs(ctx) },
    });
    const view = toOrderView(created.order, created.items, null);
    await settle?.(tx.em, view);
    return { ...created, saga, view };
  });
  driveNew(ctx, placed);
  return placed.view;
}
