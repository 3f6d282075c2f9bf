import { RefundCharge } from "../../../contracts/payments/calls.ts";
import { PaymentSucceeded } from "../../../contracts/payments/events.ts";
import { type EventContext, on } from "../../../runtime/module-api/index.ts";
import { Order, OrderItem, Saga } from "../entities.ts";
import { isLate } from "./outcome.ts";
import { seenCharge } from "./runner.ts";
import { type SagaRun, writeTransition } from "./transition.ts";

/**
 * A charge can succeed after its saga gave up (the provider answered after the checkout timed out). What
 * becomes of it depends on where the saga stands:
 * - the saga recorded this charge: its own refund step undoes it if it compensates (refunding here too made
 *   two refund calls for one charge: found by the saga compensation checker);
 * - the order is cancelled, its saga compensates without this charge, or it gave up reserving (it never
 *   charges): nothing will refund it but this handler;
 * - the saga is still charging and has not recorded this charge (its reply is on its way, or was lost): a run
 *   of this process waiting on the call takes the charge from memory should the call fail (runner.ts,
 *   seenCharge). Ignoring the news left a charge whose reply was lost with no one to refund it once the saga
 *   gave up on the step (found by the Partial failure suite). Late, or with no run here, the charge is handed to
 *   the saga in the database — recorded as the charge step's success, which past the deadline turns it to
 *   compensation — under the saga's version, with this delivery's inbox record, never refunded behind it. Refunding here raced the runner: a
 *   charge step answered just before the deadline could commit after this handler had read "late" and
 *   refunded, confirming an order whose money was gone (seen in split, a payment stalled near the deadline).
 *   Whoever writes first wins; when the saga moved first, the delivery fails and its redelivery looks again.
 * Refunds are idempotent by charge, so a second call never makes a second refund.
 */
export const refundLatePayment = on(PaymentSucceeded, async ({ order_id, charge_id }, ctx) => {
  const handOver = order_id ? await settleLateCharge(ctx, order_id, charge_id) : undefined;
  // Without a hand-over nothing is written but the delivery's inbox row, which the runtime records alone.
  if (!handOver) return;
  await ctx.transaction(async (tx) => {
    if (!(await writeTransition(tx, handOver, { kind: "next", chargeId: charge_id }, ctx.clock.now(), null))) {
      throw new Error(`the saga of order ${order_id} moved while its late charge ${charge_id} was handed to it; looked at again on redelivery`);
    }
  });
  ctx.kick("saga");
});

/** Refunds the charge when nothing else will; answers the saga run to hand it to instead, when there is one. */
async function settleLateCharge(ctx: EventContext, orderId: string, chargeId: string): Promise<SagaRun | undefined> {
  const em = ctx.db.em();
  const [order, saga] = await Promise.all([em.findOne(Order, { id: orderId }), em.findOne(Saga, { orderId })]);
  if (!order || saga?.chargeId === chargeId) return undefined;
  const late = saga !== null && isLate(saga, ctx.clock.now());
  if (saga?.step === "charge") {
    // Its run in this process waits on the charge call (the reply may be on its way, or lost): it takes the news
    // from here should its call fail. Late, or run elsewhere, the charge is handed to the saga in the database.
    if (!late && seenCharge(orderId, chargeId)) return undefined;
    return { saga, order, items: await em.find(OrderItem, { orderId }) };
  }
  if (late || order.status === "cancelled" || (saga?.reason ?? null) !== null) {
    await ctx.call(RefundCharge, { charge_id: chargeId, reason: saga?.reason ?? (late ? "checkout_timeout" : "order_cancelled") });
  }
  return undefined;
}
