import type { Envelope } from "../../contracts/envelope.ts";

/** One thing the bus did, in the order it did it; traces and the test tap are built from these. */
export type BusRecord =
  | { kind: "call"; from: string; to: string; envelope: Envelope; durationMs: number; outcome: string }
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
