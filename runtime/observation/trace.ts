import type { BusRecord } from "../bus/observer.ts";

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

const CAPACITY = 50_000;

/**
 * Keeps what this process did, for the harness to read back per conversation (correlation id prefix).
 * Enabled only with the harness; a ring, so a long run cannot exhaust memory.
 */
export class TraceRecorder {
  private readonly entries: TraceEntry[] = [];

  constructor(private readonly process: string) {}

  /** The bus observer: every call, publish and delivery becomes an entry. */
  readonly observe = (record: BusRecord): void => {
    const { envelope } = record;
    const base = {
      process: this.process,
      at: performance.timeOrigin + performance.now(),
      messageId: envelope.id,
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
    };
    if (record.kind === "call") {
      this.push({
        ...base,
        kind: "call",
        durationMs: record.durationMs,
        from: record.from,
        to: record.to,
        name: envelope.type,
        outcome: record.outcome,
        circuit: record.resilience?.circuit,
        inFlight: record.resilience?.inFlight,
        ...(record.fallback ? { fallback: record.fallback } : {}),
      });
    } else if (record.kind === "publish") {
      this.push({
        ...base,
        kind: "publish",
        durationMs: 0,
        from: record.from,
        to: record.subscribers.join(","),
        name: envelope.type,
        outcome: "ok",
        subscribers: record.subscribers,
        payload: envelope.payload,
        version: envelope.version,
      });
    } else {
      this.push({
        ...base,
        kind: "delivery",
        durationMs: record.durationMs,
        from: envelope.source,
        to: record.to,
        name: envelope.type,
        outcome: record.outcome,
        attempt: record.attempt,
      });
    }
  };

  http(request: { method: string; path: string; status: number; durationMs: number; correlationId: string }): void {
    this.push({
      kind: "http",
      process: this.process,
      at: performance.timeOrigin + performance.now(),
      durationMs: request.durationMs,
      from: "client",
      to: this.process,
      name: `${request.method} ${request.path}`,
      correlationId: request.correlationId,
      causationId: null,
      outcome: String(request.status),
    });
  }

  /** Everything recorded for conversations whose correlation id starts with `prefix`, in time order. */
  find(prefix: string): TraceEntry[] {
    return this.entries.filter((e) => e.correlationId.startsWith(prefix));
  }

  private push(entry: TraceEntry): void {
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
  }
}
