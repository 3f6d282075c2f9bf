import type { EntityManager } from "@mikro-orm/postgresql";
import type { Envelope } from "../../../contracts/envelope.ts";
import { Saga } from "../entities.ts";
import { firstStep, type Source } from "./plan.ts";

/**
 * Creates an order's saga in the order's own transaction, so an order never exists without its saga. The
 * saga continues the conversation of `placed` (the order.placed event); only its ids are used, never its
 * payload, which is written in whatever contract version this module runs at. With `lease`, it is written
 * already claimed by this process, which drives it at once from memory (runner.ts, driveNew); should the
 * process die, the lease runs out (or its restart clears it) and a runner resumes it from the database.
 */
export function startSaga(
  em: EntityManager,
  orderId: string,
  placed: Envelope,
  source: Source,
  options: {
    paymentToken?: string;
    deadlineMs: number;
    alreadyDone?: string[];
    now: Date;
    lease?: { readonly holder: string; readonly ms: number };
  },
): Saga {
  const now = options.now;
  return em.create(Saga, {
    orderId,
    step: firstStep(source),
    done: options.alreadyDone ?? [],
    reason: null,
    correlationId: placed.correlationId,
    causationId: placed.id,
    synthetic: placed.synthetic === true,
    trace: placed.traceparent ?? null,
    paymentToken: options.paymentToken ?? null,
    chargeId: null,
    attempts: 0,
    lastError: null,
    nextRunAt: now,
    deadlineAt: new Date(now.getTime() + options.deadlineMs),
    leaseUntil: options.lease ? new Date(now.getTime() + options.lease.ms) : null,
    leaseHolder: options.lease?.holder ?? null,
    version: 1,
    updatedAt: now,
  });
}
