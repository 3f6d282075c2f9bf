import { EVENT_TYPE, formatRate, RATE, rateOf, touches } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface PoisonFault {
  readonly kind: "poison";
  readonly type: string;
  readonly rate: number;
}

/** What a poisoned delivery carries instead of its payload: no consumer's contract reads it. */
const POISON = { poisoned: "by an injected fault" };

/**
 * Deliveries of an event carry a payload no consumer's contract accepts (a producer's bug, a corrupted
 * message): every attempt fails the consumer's check, the event ends as a dead letter, and the queue must
 * keep flowing for the others. The same deliveries are poisoned on every attempt, as a real poison message is.
 */
export const poisonFault = defineFault<PoisonFault>({
  kind: "poison",
  syntax: "poison:<type|*>[@<rate>]",
  description: "deliveries of events of <type> carry a payload that fails the consumer's contract",
  parse: (part) => {
    const match = new RegExp(`^poison:${EVENT_TYPE}${RATE}$`).exec(part);
    return match?.[1] ? { kind: "poison", type: match[1], rate: rateOf(match[2]) } : undefined;
  },
  format: (spec) => `poison:${spec.type}${formatRate(spec.rate)}`,
  key: (spec) => `poison:${spec.type}`,
  effects: (spec, random) => {
    const poisoned = new Map<string, boolean>();
    return {
      deliver: (next) => (envelope, delivery) => {
        let chosen = poisoned.get(envelope.id);
        if (chosen === undefined) poisoned.set(envelope.id, (chosen = touches(envelope.type, spec.type, spec.rate, random)));
        return next(chosen ? { ...envelope, payload: POISON } : envelope, delivery);
      },
    };
  },
});
