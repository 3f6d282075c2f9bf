import { RefundCharge } from "../../../contracts/payments/calls.ts";
import { PaymentSucceeded } from "../../../contracts/payments/events.ts";
import { on } from "../../../runtime/module-api/index.ts";
import { Order, Saga } from "../entities.ts";
import { isLate } from "./outcome.ts";

/**
 * A charge can succeed after its saga gave up (the provider answered after the checkout timed out). Such a
 * charge belongs to an order that is cancelled, being compensated, or past its deadline while still charging
 * (the saga will give up at its next look, whether or not it has noticed yet): refund it — unless the saga has
 * recorded this charge, in which case its own refund step undoes it (refunding here too made two refund calls
 * for one charge whenever the event arrived after the saga began compensating: found by the saga compensation
 * checker in monolith-strict and split). Refunds are idempotent by charge, so the remaining race — the saga
 * recording the charge after this handler looked — costs a second call, never a second refund.
 */
export const refundLatePayment = on(PaymentSucceeded, async ({ order_id, charge_id }, ctx) => {
  if (order_id) {
    const em = ctx.db.em();
    const [order, saga] = await Promise.all([em.findOne(Order, { id: order_id }), em.findOne(Saga, { orderId: order_id })]);
    const abandoned = order?.status === "cancelled" || (saga?.reason ?? null) !== null || (saga !== null && isLate(saga, ctx.clock.now()));
    const refundedBySaga = saga?.chargeId === charge_id;
    if (abandoned && !refundedBySaga) await ctx.call(RefundCharge, { charge_id, reason: saga?.reason ?? "order_cancelled" });
  }
  await ctx.transaction(async () => {});
});
