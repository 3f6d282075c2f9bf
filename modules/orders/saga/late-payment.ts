import { RefundCharge } from "../../../contracts/payments/calls.ts";
import { PaymentSucceeded } from "../../../contracts/payments/events.ts";
import { on } from "../../../runtime/module-api/index.ts";
import { Order, Saga } from "../entities.ts";
import { isLate } from "./outcome.ts";

/**
 * A charge can succeed after its saga gave up (the provider answered after the checkout timed out). Such a
 * charge belongs to an order that is cancelled, being compensated, or past its deadline while still charging
 * (the saga will give up at its next look, whether or not it has noticed yet): refund it. Refunds are idempotent by
 * charge, so racing the saga's own refund step is harmless.
 */
export const refundLatePayment = on(PaymentSucceeded, async ({ order_id, charge_id }, ctx) => {
  if (order_id) {
    const em = ctx.db.em();
    const [order, saga] = await Promise.all([em.findOne(Order, { id: order_id }), em.findOne(Saga, { orderId: order_id })]);
    const abandoned = order?.status === "cancelled" || (saga?.reason ?? null) !== null || (saga !== null && isLate(saga, ctx.clock.now()));
    if (abandoned) await ctx.call(RefundCharge, { charge_id, reason: saga?.reason ?? "order_cancelled" });
  }
  await ctx.transaction(async () => {});
});
