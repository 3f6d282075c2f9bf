import { type BackgroundTask, inConversation, type ModuleContext, type ModuleDatabase } from "../../../runtime/module-api/index.ts";
import { Order, OrderItem, Saga } from "../entities.ts";
import type { ordersSettings } from "../settings.ts";
import { isLate, type Outcome, timeoutReason } from "./outcome.ts";
import { runStep } from "./steps.ts";
import { type SagaRun, transition } from "./transition.ts";

const BATCH = 50;

/** Per process: the sagas being advanced right now, and whether leases left by a previous run were cleared. */
interface RunnerState {
  readonly inFlight: Set<string>;
  resumed: boolean;
}
const states = new WeakMap<ModuleDatabase, RunnerState>();
const stateOf = (db: ModuleDatabase): RunnerState => {
  let state = states.get(db);
  if (!state) states.set(db, (state = { inFlight: new Set(), resumed: false }));
  return state;
};

/**
 * Hands `chargeId`, which payments says succeeded, to the run of the order's saga in this process, when one is
 * under way: answers false when there is none here. The run takes it as its charge step's success should its
 * own call fail (the reply lost on the way): without it, a saga that gave up on the step compensated without
 * the charge, and the news, already consumed, refunded nothing.
 */
export function seenCharge(orderId: string, chargeId: string): boolean {
  if (!running.has(orderId)) return false;
  running.set(orderId, chargeId);
  return true;
}

/** The orders whose saga a run of this process is advancing, each with the charge announced for it, if any (by order id: unique across systems). */
const running = new Map<string, string | undefined>();

/**
 * Drives every saga that is due. Each is claimed with a lease (a conditional update on its version), then
 * advanced on its own, so one slow payment never holds the others up. Leases name the process holding them,
 * so on its first run the runner takes over the leases its crashed predecessor (the same instance) left: a
 * restart resumes its sagas at once, while a replica's sagas stay with the replica until their leases end.
 */
export const sagaRunner: BackgroundTask<typeof ordersSettings> = {
  name: "saga",
  every: (settings) => settings.SAGA_TICK_MS,
  due: async (ctx) =>
    stateOf(ctx.db).inFlight.size + (await ctx.db.em().count(Saga, { step: { $ne: "done" }, nextRunAt: { $lte: ctx.clock.now() } })),
  async run(ctx) {
    const state = stateOf(ctx.db);
    const em = ctx.db.em();
    if (!state.resumed) {
      // Only its own: a replica's leases are live work, and taking them made two runners advance one saga.
      await em.nativeUpdate(Saga, { leaseUntil: { $ne: null }, leaseHolder: ctx.instance }, { leaseUntil: null });
      state.resumed = true;
    }
    const now = ctx.clock.now();
    const due = await em.find(
      Saga,
      { step: { $ne: "done" }, nextRunAt: { $lte: now }, orderId: { $nin: [...state.inFlight] } },
      { orderBy: { nextRunAt: "asc" }, limit: BATCH },
    );
    const leaseMs = sagaLeaseMs(ctx);
    for (const saga of due) {
      const claimed = await em.nativeUpdate(
        Saga,
        { orderId: saga.orderId, version: saga.version, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
        { leaseUntil: new Date(now.getTime() + leaseMs), leaseHolder: ctx.instance, version: saga.version + 1 },
      );
      if (claimed !== 1) continue;
      saga.version += 1;
      drive(ctx, saga, undefined, leaseMs);
    }
  },
};

/** How long a claim holds: past two calls' timeouts, so a step's calls end before another runner may take it. */
export const sagaLeaseMs = (ctx: ModuleContext): number => 2 * ctx.callTimeoutMs + 5000;

/**
 * Drives a saga its checkout has just written, already leased to this process (start.ts), from the rows the
 * checkout holds in memory: no sweep, no claim, no read of the order and its lines. Only this process may
 * advance it until the lease ends, so its in-memory copy is the database's.
 */
export function driveNew(ctx: ModuleContext, run: SagaRun): void {
  drive(ctx, run.saga, run, sagaLeaseMs(ctx));
}

function drive(ctx: ModuleContext, saga: Saga, held: SagaRun | undefined, leaseMs: number): void {
  const state = stateOf(ctx.db);
  state.inFlight.add(saga.orderId);
  running.set(saga.orderId, undefined);
  void advance(ctx, saga, held, leaseMs)
    // Its lease runs out and a later run resumes it from the database (after a restart, the next process's).
    .catch((error: unknown) => ctx.log.warn({ err: error, order_id: saga.orderId }, `saga of order ${saga.orderId} stopped at ${saga.step}`))
    .finally(() => {
      state.inFlight.delete(saga.orderId);
      running.delete(saga.orderId);
      // A run that stopped short of done may have left it due (a hand-over moved it under this run): look now.
      // One that finished leaves nothing to look for.
      if (saga.step !== "done") ctx.kick("saga");
    });
}

/** Most steps one run takes in a row: a checkout has seven at most (reserve, charge, commit, confirm, or refund, release, cancel). */
const MAX_STEPS = 8;

/**
 * Runs the claimed saga's steps one after another for as long as the next is due at once, holding its lease:
 * the saga row (from the claim), its order and lines are read once, not again for every step.
 */
async function advance(ctx: ModuleContext, saga: Saga, held: SagaRun | undefined, leaseMs: number): Promise<void> {
  const run = held ?? (await readRun(ctx, saga));
  if (!run) return;
  const { order, items } = run;
  await inConversation(
    { correlationId: saga.correlationId, causationId: saga.causationId, synthetic: saga.synthetic, trace: saga.trace ?? undefined },
    async () => {
      for (let steps = 0; steps < MAX_STEPS; steps++) {
        const step = () => runStep(ctx, saga, order, items).catch((error: unknown): Outcome => ({ kind: "retry", error: String(error) }));
        const tried = isLate(saga, ctx.clock.now()) ? await lastLook(saga, step) : await step();
        const seen = saga.step === "charge" && tried.kind !== "next" ? running.get(saga.orderId) : undefined;
        const outcome: Outcome = seen ? { kind: "next", chargeId: seen } : tried;
        if (!(await transition(ctx, run, outcome, leaseMs))) return;
      }
      // Still due after that many steps: let the next tick take it up rather than hold the lease.
      await ctx.db.em().nativeUpdate(Saga, { orderId: saga.orderId, version: saga.version }, { leaseUntil: null });
    },
  );
}

async function readRun(ctx: ModuleContext, saga: Saga): Promise<SagaRun | undefined> {
  const em = ctx.db.em();
  const [order, items] = await Promise.all([em.findOne(Order, { id: saga.orderId }), em.find(OrderItem, { orderId: saga.orderId })]);
  return order ? { saga, order, items } : undefined;
}

/**
 * A saga past its deadline gives up. Reserving is simply abandoned; a charge may have gone through while
 * nobody looked (its success landing between two retries), so the charge is asked once more under its
 * idempotency key: a success comes back as `next` and the transition, seeing it late, compensates and refunds.
 */
async function lastLook(saga: Saga, run: () => Promise<Outcome>): Promise<Outcome> {
  const timedOut: Outcome = { kind: "compensate", reason: timeoutReason(saga.step, saga.lastError ?? null) };
  if (saga.step !== "charge") return timedOut;
  const outcome = await run();
  return outcome.kind === "next" ? outcome : timedOut;
}
