import { eventually } from "../eventually.ts";
import { EventStream } from "./events.ts";
import { type Fetcher, HttpClient } from "./http.ts";

export interface IdleOptions {
  readonly timeoutMs?: number;
}

/**
 * Everything a suite may touch: the public API, the event tap, quiescence and read-only SQL into one
 * module's own schema. It speaks only HTTP to one base URL, so a suite cannot tell which topology it runs on.
 */
export class SystemClient {
  readonly http: HttpClient;
  readonly events: EventStream;

  constructor(
    readonly topology: string,
    readonly baseUrl: string,
    fetcher?: Fetcher,
    recovering = false,
  ) {
    this.http = new HttpClient(baseUrl, fetcher, recovering);
    this.events = new EventStream(this.http);
  }

  /** The same client, asking again while a service is coming back (HttpClient's `recovering`): a journey under crashes. */
  recovering(): SystemClient {
    return new SystemClient(this.topology, this.baseUrl, this.http.fetcher, true);
  }

  /** Waits until no request, call, delivery or outbox row is pending anywhere, twice in a row. */
  async idle(options: IdleOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const deadline = performance.now() + timeoutMs;
    let quietInARow = 0;
    let last: unknown;
    while (quietInARow < 2) {
      const { status, body } = await this.http.get<{ idle: boolean }>("/__twofold/idle");
      last = body;
      quietInARow = status === 200 && body.idle ? quietInARow + 1 : 0;
      if (quietInARow < 2) {
        if (performance.now() > deadline) throw new Error(`system not idle within ${timeoutMs} ms: ${JSON.stringify(last)}`);
        await Bun.sleep(quietInARow ? 10 : 25);
      }
    }
  }

  /**
   * Freezes, advances or releases the clock of every process of the topology (deadlines, expiries, slow
   * payments, call timeouts): see runtime/clock.ts.
   */
  async clock(command: { freeze?: boolean; advance_ms?: number; release?: boolean }): Promise<void> {
    const { status, body } = await this.http.post("/__twofold/clock", command);
    if (status !== 200) throw new Error(`advancing the clock failed (${status}): ${JSON.stringify(body)}`);
  }

  /** Runs `work` with every process's clock frozen, released afterwards whatever it came to. */
  async withFrozenClock<T>(work: () => Promise<T>): Promise<T> {
    await this.clock({ freeze: true });
    try {
      return await work();
    } finally {
      await this.clock({ release: true });
    }
  }

  /**
   * On a frozen clock: moves it on by `stepMs` before each look until `condition` holds, so deadlines, expiries
   * and retries minutes apart pass in milliseconds.
   */
  advanceUntil<T>(condition: () => Promise<T>, stepMs = 1000): Promise<T> {
    return eventually(
      async () => {
        await this.clock({ advance_ms: stepMs });
        return condition();
      },
      { timeoutMs: 30_000, intervalMs: 10 },
    );
  }

  /** Whether this client added faults that are still in force. */
  faultsAdded = false;

  /**
   * Adds faults in every process of the topology, in their written form (runtime/bus/faults/), on top of each
   * process's own, until replaced; "" removes them. The harness removes what a check left after it.
   */
  async faults(written: string): Promise<void> {
    const { status, body } = await this.http.post("/__twofold/faults", { faults: written });
    if (status !== 200) throw new Error(`setting faults "${written}" failed (${status}): ${JSON.stringify(body)}`);
    this.faultsAdded = written !== "";
  }

  /**
   * Runs `work` with `written` faults added, and removes them after it, whatever it came to. A process that a
   * crash fault stopped is restarting meanwhile (with no faults of its own): removal waits until it answers.
   */
  async withFaults<T>(written: string, work: () => Promise<T>): Promise<T> {
    await this.faults(written);
    try {
      return await work();
    } finally {
      await eventually(() => this.faults(""), { timeoutMs: 30_000, intervalMs: 200 });
    }
  }

  /** Read-only SQL against one module's own schema (`?` placeholders). */
  async sql<Row = Record<string, unknown>>(module: string, query: string, params: readonly unknown[] = []): Promise<Row[]> {
    const { status, body } = await this.http.post<{ rows: Row[] }>(`/__twofold/sql/${module}`, { query, params });
    if (status !== 200) throw new Error(`sql on ${module} failed (${status}): ${JSON.stringify(body)}`);
    return body.rows;
  }
}
