import type { Envelope } from "../../contracts/envelope.ts";
import type { CallResilience } from "./resilience/policies.ts";

/** One thing the bus did, in the order it did it; traces and the test tap are built from these. */
export type BusRecord =
  | { kind: "call"; from: string; to: string; envelope: Envelope; durationMs: number; outcome: string; resilience?: CallResilience }
  | { kind: "publish"; from: string; envelope: Envelope; subscribers: readonly string[] }
  | { kind: "delivery"; to: string; envelope: Envelope; attempt: number; durationMs: number; outcome: string };

export type BusObserver = (record: BusRecord) => void;
