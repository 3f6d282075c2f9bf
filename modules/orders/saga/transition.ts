import { OrderCancelled, OrderConfirmed } from "../../../contracts/orders/events.ts";
import type { ModuleContext } from "../../../runtime/module-api/index.ts";
import { Order, OrderItem, Saga } from "../entities.ts";
import { cancelledPayload, confirmedPayload } from "../order-events.ts";
import { compensations, isForward, nextStep, type Source, type Step } from "./plan.ts";
import { isLate, type Outcome, retryDelayMs, timeoutReason } from "./outcome.ts";

/** The compensation after `current` in the list that `done` implies. */
const afterCompensation = (done: readonly string[], current: string): Step => {
  const list = compensations(done);
  return list[list.indexOf(current as never) + 1] ?? "done";
};

/**
 * Records a step's outcome in one transaction: the saga's next step, the order's status, and the events that
 * go with it (order.confirmed, order.cancelled) through the outbox. Guarded by the version the runner claimed,
 * so a stale runner changes nothing.
 */
export async function transition(ctx: ModuleContext, orderId: string, claimedVersion: number, outcome: Outcome): Promise<void> {
  await ctx.db.transaction(async ({ em, publish }) => {
    const saga = await em.findOne(Saga, { orderId });
    const order = await em.findOne(Order, { id: orderId });
    if (!saga || !order || saga.version !== claimedVersion) return;
    const now = ctx.clock.now();
    const step = saga.step;
    const compensate = (reason: string) => {
      saga.reason = reason;
      saga.step = compensations(saga.done)[0] ?? "cancel";
      saga.attempts = 0;
      saga.nextRunAt = now;
    };

    if (outcome.kind === "retry") {
      saga.attempts += 1;
      saga.lastError = outcome.error;
      if (isLate(saga, now)) compensate(timeoutReason(step, outcome.error));
      else saga.nextRunAt = new Date(now.getTime() + retryDelayMs(saga.attempts));
    } else if (outcome.kind === "next" && isLate(saga, now)) {
      // Reserving or charging succeeded after the deadline: too late. What it did is recorded, so compensation undoes it (a refund, a release).
      if (outcome.chargeId) saga.chargeId = outcome.chargeId;
      saga.done = [...saga.done, step];
      compensate(timeoutReason(step, saga.lastError ?? null));
    } else if (outcome.kind === "compensate") {
      saga.lastError = outcome.reason;
      compensate(outcome.reason);
    } else {
      if (outcome.chargeId) saga.chargeId = outcome.chargeId;
      if (isForward(step)) saga.done = [...saga.done, step];
      const items = await em.find(OrderItem, { orderId });
      if (step === "confirm") {
        order.status = "confirmed";
        publish(OrderConfirmed, confirmedPayload(order, items, saga.chargeId ?? null, now));
      }
      if (step === "cancel") {
        order.status = "cancelled";
        order.statusReason = saga.reason ?? "cancelled";
        publish(OrderCancelled, cancelledPayload(order, items, now));
      }
      saga.step = isForward(step) ? nextStep(order.source as Source, step) : afterCompensation(saga.done, step);
      saga.attempts = 0;
      saga.nextRunAt = now;
    }
    order.updatedAt = now;
    saga.leaseUntil = null;
    saga.version += 1;
    saga.updatedAt = now;
  });
}
