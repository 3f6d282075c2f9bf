import type { EntityManager } from "@mikro-orm/postgresql";
import type { Envelope } from "../../../contracts/envelope.ts";
import { Saga } from "../entities.ts";
import { firstStep, type Source } from "./plan.ts";

/**
 * Creates an order's saga in the order's own transaction, so an order never exists without its saga. The
 * saga continues the conversation of `placed` (the order.placed event); only its ids are used, never its
 * payload, which is written in whatever contract version this module runs at.
 */
export function startSaga(
  em: EntityManager,
  orderId: string,
  placed: Envelope,
  source: Source,
  options: { paymentToken?: string; deadlineMs: number; alreadyDone?: string[]; now: Date },
): void {
  const now = options.now;
  em.create(Saga, {
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
    leaseUntil: null,
    version: 1,
    updatedAt: now,
  });
}
