import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import type { BusRecord } from "../bus/observer.ts";
import type { TraceEntry } from "./trace-entry.ts";

const CAPACITY = 50_000;

/**
 * Keeps what this process did, for the harness to read back per conversation (correlation id prefix).
 * Enabled only with the harness; a ring, so a long run cannot exhaust memory. Given a file, every entry is also
 * written through to it as it happens, and a process started again on the same file (split restarts a killed
 * service) reads back what its previous life did: a SIGKILL must not take the record of a crash check with it.
 */
export class TraceRecorder {
  private readonly entries: TraceEntry[] = [];
  private readonly journal?: Journal;

  constructor(
    private readonly process: string,
    file?: string,
  ) {
    if (!file) return;
    this.journal = new Journal(file);
    this.entries.push(...this.journal.read().slice(-CAPACITY));
  }

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
    this.journal?.append(entry);
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
  }
}

/**
 * A trace's entries as JSON lines, appended with a synchronous write each: once written, an entry is the
 * kernel's and outlives a SIGKILL of the process. It holds at most two rings' worth: past CAPACITY lines the
 * file becomes `<file>.1` (replacing the one before) and a new one starts.
 */
class Journal {
  private fd: number;
  private lines = 0;

  constructor(private readonly file: string) {
    this.fd = openSync(file, "a");
  }

  read(): TraceEntry[] {
    const [older, current] = [`${this.file}.1`, this.file].map((f) => (existsSync(f) ? readFileSync(f, "utf8") : ""));
    // A line cut short by the kill is what the previous life was writing as it died: it never finished, and
    // this life's first line must not run on from it.
    if (current && !current.endsWith("\n")) writeSync(this.fd, "\n");
    const lines = (text = "") => text.split("\n").filter(Boolean);
    this.lines = lines(current).length;
    return [...lines(older), ...lines(current)].flatMap((line) => {
      try {
        return [JSON.parse(line) as TraceEntry];
      } catch {
        return [];
      }
    });
  }

  append(entry: TraceEntry): void {
    if (this.lines >= CAPACITY) {
      closeSync(this.fd);
      renameSync(this.file, `${this.file}.1`);
      this.fd = openSync(this.file, "a");
      this.lines = 0;
    }
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.lines++;
  }
}
