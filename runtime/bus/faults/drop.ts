import { EVENT_TYPE, formatRate, RATE, rateOf, touches } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface DropFault {
  readonly kind: "drop";
  readonly type: string;
  readonly afterMs: number;
  readonly rate: number;
}

/**
 * The first delivery of an event to a subscriber is lost before the handler sees it, and the broker delivers
 * it again `afterMs` later, as an unacknowledged message comes back after its lock runs out: the handler runs
 * once, late, on its second attempt. Real time, like delay: broker scheduling, not business time.
 */
export const dropFault = defineFault<DropFault>({
  kind: "drop",
  syntax: "drop:<type|*>=<ms>[@<rate>]",
  description: "the first delivery of events of <type> is lost and redelivered <ms> later",
  parse: (part) => {
    const match = new RegExp(`^drop:${EVENT_TYPE}=(\\d+)${RATE}$`).exec(part);
    return match?.[1] && match[2] ? { kind: "drop", type: match[1], afterMs: Number(match[2]), rate: rateOf(match[3]) } : undefined;
  },
  format: (spec) => `drop:${spec.type}=${spec.afterMs}${formatRate(spec.rate)}`,
  key: (spec) => `drop:${spec.type}`,
  effects: (spec, random) => ({
    deliver: (next) => async (envelope, delivery) => {
      if (delivery.attempt !== 1 || !touches(envelope.type, spec.type, spec.rate, random)) return next(envelope, delivery);
      await Bun.sleep(spec.afterMs);
      return next(envelope, { attempt: delivery.attempt + 1 });
    },
  }),
});
