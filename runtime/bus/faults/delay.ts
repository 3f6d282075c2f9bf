import { defineFault } from "./model.ts";

export interface DelayFault {
  readonly kind: "delay";
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Each delivery waits a random time between `minMs` and `maxMs` before its first attempt, so deliveries to one
 * subscriber may finish out of order, as with BullMQ's concurrent workers, and a publisher that reads its
 * subscriber's work right after publishing reads it too early, as it would across a network. Real time, not
 * the runtime's clock: this is scheduling noise, and a frozen clock must not hold deliveries back.
 */
export const delayFault = defineFault<DelayFault>({
  kind: "delay",
  syntax: "delay=<ms> | delay=<min>..<max>",
  description: "each delivery waits a random <min>..<max> ms (0..<ms>) before its first attempt",
  parse: (part) => {
    const match = /^delay=(?:(\d+)\.\.)?(\d+)$/.exec(part);
    if (!match?.[2]) return undefined;
    const minMs = Number(match[1] ?? 0);
    const maxMs = Number(match[2]);
    return minMs <= maxMs ? { kind: "delay", minMs, maxMs } : undefined;
  },
  format: (spec) => (spec.minMs > 0 ? `delay=${spec.minMs}..${spec.maxMs}` : `delay=${spec.maxMs}`),
  key: () => "delay",
  effects: (spec, random) => ({
    deliver: (next) => async (envelope, delivery) => {
      const waitMs = delivery.attempt === 1 ? spec.minMs + random() * (spec.maxMs - spec.minMs) : 0;
      if (waitMs > 0) await Bun.sleep(waitMs);
      return next(envelope, delivery);
    },
  }),
});
