// Apart from the recorder (which writes files): the harness's browser report reads this type too, with DOM types only.
/** One thing a process did for a conversation: an HTTP request at its edge, or a bus call, publish or delivery. */
export interface TraceEntry {
  readonly kind: "http" | "call" | "publish" | "delivery";
  readonly process: string;
  /** Epoch milliseconds (fractional) when it finished. */
  readonly at: number;
  readonly durationMs: number;
  readonly from: string;
  readonly to: string;
  readonly name: string;
  readonly messageId?: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly outcome: string;
  readonly attempt?: number;
  readonly subscribers?: readonly string[];
  /** A publish's payload, read as the current version of its contract. */
  readonly payload?: unknown;
  /** The contract version the message was written at (older than current when a module runs skewed). */
  readonly version?: number;
  /** A call's circuit (caller → callee) once it ended, and the calls then waiting on the callee's bulkhead. */
  readonly circuit?: string;
  readonly inFlight?: number;
  /** A call the caller's declared fallback answered, the callee having failed with `outcome`. */
  readonly fallback?: true;
}
