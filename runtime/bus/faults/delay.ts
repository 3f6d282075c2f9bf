import { MODULE } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface DelayFault {
  readonly kind: "delay";
  readonly minMs: number;
  readonly maxMs: number;
  /** Only deliveries to this subscribing module (a slow consumer holding its job); unset, every delivery. */
  readonly module?: string;
}

/**
 * Each delivery waits a random time between `minMs` and `maxMs` before its first attempt, so deliveries to one
 * subscriber may finish out of order, as with BullMQ's concurrent workers, and a publisher that reads its
 * subscriber's work right after publishing reads it too early, as it would across a network. Real time, not
 * the runtime's clock: this is scheduling noise, and a frozen clock must not hold deliveries back. Scoped to one
 * subscriber, it is a consumer that holds each delivery (and, on BullMQ, the job's lock) that long.
 */
export const delayFault = defineFault<DelayFault>({
  kind: "delay",
  syntax: "delay[:<module>]=<ms> | delay[:<module>]=<min>..<max>",
  description: "each delivery (to <module>) waits a random <min>..<max> ms (0..<ms>) before its first attempt",
  parse: (part) => {
    const match = new RegExp(`^delay(?::${MODULE})?=(?:(\\d+)\\.\\.)?(\\d+)$`).exec(part);
    if (!match?.[3]) return undefined;
    const minMs = Number(match[2] ?? 0);
    const maxMs = Number(match[3]);
    if (minMs > maxMs) return undefined;
    return { kind: "delay", minMs, maxMs, ...(match[1] ? { module: match[1] } : {}) };
  },
  format: (spec) => `delay${spec.module ? `:${spec.module}` : ""}=${spec.minMs > 0 ? `${spec.minMs}..` : ""}${spec.maxMs}`,
  key: (spec) => `delay:${spec.module ?? "*"}`,
  effects: (spec, random) => ({
    deliver: (next, subscriber) => async (envelope, delivery) => {
      if (spec.module !== undefined && subscriber !== spec.module) return next(envelope, delivery);
      const waitMs = delivery.attempt === 1 ? spec.minMs + random() * (spec.maxMs - spec.minMs) : 0;
      if (waitMs > 0) await Bun.sleep(waitMs);
      return next(envelope, delivery);
    },
  }),
});
