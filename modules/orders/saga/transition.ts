import { OrderCancelled, OrderConfirmed } from "../../../contracts/orders/events.ts";
import type { ModuleContext, Tx } from "../../../runtime/module-api/index.ts";
import { Order, type OrderItem, Saga } from "../entities.ts";
import { cancelledPayload, confirmedPayload } from "../order-events.ts";
import { isLate, type Outcome, retryDelayMs, timeoutReason } from "./outcome.ts";
import { compensations, doneOrMaybe, isForward, nextStep, type Source, type Step } from "./plan.ts";

/** The compensation after `current` in the list that `done` implies. */
const afterCompensation = (done: readonly string[], current: string): Step => {
  const list = compensations(done);
  return list[list.indexOf(current as never) + 1] ?? "done";
};

/** A saga being advanced, as the runner holds it: its row, its order and the order's lines, read once. */
export interface SagaRun {
  readonly saga: Saga;
  readonly order: Order;
  readonly items: readonly OrderItem[];
}

type SagaFields = Pick<Saga, "step" | "done" | "reason" | "chargeId" | "attempts" | "lastError" | "nextRunAt">;

/** What a step's outcome makes of the saga, and of the order's status when it ends one way or the other. */
interface Decision {
  readonly saga: SagaFields;
  readonly order?: { readonly status: "confirmed" | "cancelled"; readonly statusReason: string | null };
}

/** Decides, in memory, what a step's outcome makes of the saga (a pure function of the saga and the outcome). */
function decide(saga: Saga, source: Source, outcome: Outcome, now: Date): Decision {
  const next: SagaFields = {
    step: saga.step,
    done: saga.done,
    reason: saga.reason ?? null,
    chargeId: saga.chargeId ?? null,
    attempts: saga.attempts,
    lastError: saga.lastError ?? null,
    nextRunAt: saga.nextRunAt,
  };
  const step = saga.step;
  const compensate = (reason: string): Decision => ({
    saga: Object.assign(next, { reason, step: compensations(next.done)[0] ?? "cancel", attempts: 0, nextRunAt: now }),
  });
  if (outcome.kind === "retry") {
    next.attempts += 1;
    next.lastError = outcome.error;
    if (isLate(saga, now)) {
      next.done = doneOrMaybe(next.done, step);
      return compensate(timeoutReason(step, outcome.error));
    }
    next.nextRunAt = new Date(now.getTime() + retryDelayMs(next.attempts));
    return { saga: next };
  }
  if (outcome.kind === "next" && isLate(saga, now)) {
    // Reserving or charging succeeded after the deadline: too late. What it did is recorded, so compensation undoes it (a refund, a release).
    if (outcome.chargeId) next.chargeId = outcome.chargeId;
    next.done = [...next.done, step];
    return compensate(timeoutReason(step, saga.lastError ?? null));
  }
  if (outcome.kind === "compensate") {
    next.lastError = outcome.reason;
    // Given up for lack of time (the runner's last look): the step may have happened unseen.
    if (isLate(saga, now)) next.done = doneOrMaybe(next.done, step);
    return compensate(outcome.reason);
  }
  if (outcome.chargeId) next.chargeId = outcome.chargeId;
  if (isForward(step)) next.done = [...next.done, step];
  next.step = isForward(step) ? nextStep(source, step) : afterCompensation(next.done, step);
  next.attempts = 0;
  next.nextRunAt = now;
  if (step === "confirm") return { saga: next, order: { status: "confirmed", statusReason: null } };
  if (step === "cancel") return { saga: next, order: { status: "cancelled", statusReason: next.reason ?? "cancelled" } };
  return { saga: next };
}

/**
 * Steps that call nobody (runStep only moves them on): when one is due right after a step, it is decided in
 * the same write, as if the runner had run it at once, saving a transition of its own. Neither is ever late.
 */
const LOCAL_STEPS: readonly Step[] = ["confirm", "cancel"];

/** `decide`, then the local steps that follow at once. */
function decideThrough(saga: Saga, source: Source, outcome: Outcome, now: Date): Decision {
  let decision = decide(saga, source, outcome, now);
  while (LOCAL_STEPS.includes(decision.saga.step as Step) && decision.saga.nextRunAt <= now) {
    decision = decide({ ...saga, ...decision.saga } as Saga, source, { kind: "next" }, now);
  }
  return decision;
}

/** A transition written: what the saga and its order became, and whether its next step is due at once. */
interface Written {
  readonly next: SagaFields;
  readonly status?: Decision["order"];
  readonly version: number;
  readonly continues: boolean;
}

/** Where a transition is written: a transaction (it changes the order too, with its events), or one statement alone. */
type Writer = Pick<Tx, "em"> & Partial<Pick<Tx, "publish">>;

/**
 * Writes a step's outcome within `tx`, guarded by the version the caller holds: the saga row is updated only
 * if nobody else moved it (a stale caller changes nothing: undefined), the order's status changes with the
 * events that go with it (order.confirmed, order.cancelled, through the outbox). `leaseMs` renews the
 * runner's lease when the next step is due at once; null lets it go, for the runner's next sweep.
 */
export async function writeTransition(tx: Writer, run: SagaRun, outcome: Outcome, now: Date, leaseMs: number | null): Promise<Written | undefined> {
  return write(tx, run, decideThrough(run.saga, run.order.source as Source, outcome, now), now, leaseMs);
}

async function write(tx: Writer, run: SagaRun, decision: Decision, now: Date, leaseMs: number | null): Promise<Written | undefined> {
  const { saga, order, items } = run;
  const { saga: next, order: status } = decision;
  const continues = next.step !== "done" && next.nextRunAt <= now;
  const version = saga.version + 1;
  const moved = await tx.em.nativeUpdate(
    Saga,
    { orderId: saga.orderId, version: saga.version },
    { ...next, leaseUntil: continues && leaseMs !== null ? new Date(now.getTime() + leaseMs) : null, version, updatedAt: now },
  );
  if (moved !== 1) return undefined;
  if (status) {
    if (!tx.publish) throw new Error(`order ${order.id} changes status outside a transaction`);
    await tx.em.nativeUpdate(Order, { id: order.id }, { ...status, updatedAt: now });
    Object.assign(order, status, { updatedAt: now });
    if (status.status === "confirmed") tx.publish(OrderConfirmed, confirmedPayload(order, items, next.chargeId ?? null, now));
    else tx.publish(OrderCancelled, cancelledPayload(order, items, now));
  }
  return { next, status, version, continues };
}

/**
 * Records a step's outcome. Nothing is read again: the runner's copy is brought up to date instead. One that
 * changes the saga row alone is that one conditional UPDATE, atomic by itself, so it opens no transaction;
 * one that ends the order (its status and event with it) is written in one transaction. Answers whether the
 * saga's next step is due at once, in which case the runner keeps its lease (renewed here) and goes on.
 */
export async function transition(ctx: ModuleContext, run: SagaRun, outcome: Outcome, leaseMs: number): Promise<boolean> {
  const { saga, order } = run;
  const now = ctx.clock.now();
  const decision = decideThrough(saga, order.source as Source, outcome, now);
  const written = decision.order
    ? await ctx.db.transaction((tx) => write(tx, run, decision, now, leaseMs))
    : await write({ em: ctx.db.em() }, run, decision, now, leaseMs);
  if (!written) return false;
  const { next, status, version } = written;
  const from = saga.step;
  Object.assign(saga, next, { version, updatedAt: now });
  if (status) {
    ctx.log.info({ order_id: order.id, status: status.status, reason: status.statusReason }, `order ${order.id} ${status.status}`);
  } else ctx.log.debug({ order_id: order.id, from, step: next.step, attempts: next.attempts }, `saga of order ${order.id}: ${from} → ${next.step}`);
  return written.continues;
}
