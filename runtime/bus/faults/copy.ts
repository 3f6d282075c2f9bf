import { defineFault } from "./model.ts";

export interface CopyFault {
  readonly kind: "copy";
}

/** What the receiver would get from the wire: a fresh copy through JSON (no Dates, Maps or shared objects). */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Resolves on a later turn of the event loop, as a network answer would. setImmediate, not setTimeout(0): Bun
 * clamps the latter to ~1 ms, which made every call cost two milliseconds of nothing.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every message is what the wire would carry: requests, replies and deliveries are copied through JSON and
 * calls answer on a later turn. In one process this is what a network would do to the code's assumptions.
 */
export const copyFault = defineFault<CopyFault>({
  kind: "copy",
  syntax: "copy",
  description: "messages cross as JSON copies, calls answer on a later turn",
  parse: (part) => (part === "copy" ? { kind: "copy" } : undefined),
  format: () => "copy",
  key: () => "copy",
  effects: () => ({
    answer: (next) => async (envelope) => {
      await nextTurn();
      const reply = await next(overTheWire(envelope));
      await nextTurn();
      return overTheWire(reply);
    },
    deliver: (next) => (envelope, delivery) => next(overTheWire(envelope), delivery),
  }),
});
