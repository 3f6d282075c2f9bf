import { defineFault } from "./model.ts";

export interface DelayFault {
  readonly kind: "delay";
  readonly maxMs: number;
}

/**
 * Each delivery waits a random time up to `maxMs` before its first attempt, so deliveries to one subscriber
 * may finish out of order, as with BullMQ's concurrent workers. Real time, not the runtime's clock: this is
 * scheduling noise, and a frozen clock must not hold deliveries back.
 */
export const delayFault = defineFault<DelayFault>({
  kind: "delay",
  syntax: "delay=<ms>",
  description: "each delivery waits a random 0..<ms> before its first attempt",
  parse: (part) => {
    const match = /^delay=(\d+)$/.exec(part);
    return match?.[1] ? { kind: "delay", maxMs: Number(match[1]) } : undefined;
  },
  format: (spec) => `delay=${spec.maxMs}`,
  key: () => "delay",
  effects: (spec, random) => ({
    deliver: (next) => async (envelope, delivery) => {
      const waitMs = delivery.attempt === 1 ? random() * spec.maxMs : 0;
      if (waitMs > 0) await Bun.sleep(waitMs);
      return next(envelope, delivery);
    },
  }),
});
