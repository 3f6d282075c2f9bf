import type { Envelope } from "../../contracts/envelope.ts";

/** What a call left behind: the caller's circuit to the callee after it, and the callee's bulkhead. */
export interface CallResilience {
  readonly circuit: "closed" | "open" | "half_open";
  readonly inFlight: number;
}

/**
 * One thing the bus did, in the order it did it; traces and the test tap are built from these. A call's
 * `fallback` says the caller's declared fallback answered in place of the callee, which failed with `outcome`.
 */
export type BusRecord =
  | {
      kind: "call";
      from: string;
      to: string;
      envelope: Envelope;
      durationMs: number;
      outcome: string;
      resilience?: CallResilience;
      fallback?: true;
    }
  | { kind: "publish"; from: string; envelope: Envelope; subscribers: readonly string[] }
  | { kind: "delivery"; to: string; envelope: Envelope; attempt: number; durationMs: number; outcome: string };

export type BusObserver = (record: BusRecord) => void;

/** One observer telling each of the given ones, or none when none is given. */
export function observers(...given: readonly (BusObserver | undefined)[]): BusObserver | undefined {
  const present = given.filter((o): o is BusObserver => o !== undefined);
  if (present.length <= 1) return present[0];
  return (record) => {
    for (const observer of present) observer(record);
  };
}
