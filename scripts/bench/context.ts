import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sizes } from "./options.ts";

/** Something metrics need running (a topology, a Redis, a Postgres server), started once and stopped by the run. */
export interface Resource<T> {
  readonly name: string;
  /** Resources its start uses, kept running as long as it runs. */
  readonly needs?: readonly Resource<unknown>[];
  start(bench: Bench): Promise<Started<T>>;
}

export interface Started<T> {
  readonly value: T;
  stop(): Promise<void>;
}

/**
 * One bench run: its sizes, its scratch directory, the resources started so far (each once) and the
 * measurements several metrics share (a load run gives throughput, latency and CPU).
 */
export class Bench {
  readonly dir = mkdtempSync(join(tmpdir(), "twofold-bench-"));
  private readonly running = new Map<string, Promise<Started<unknown>>>();
  private readonly shared = new Map<string, Promise<unknown>>();

  constructor(
    readonly sizes: Sizes,
    readonly log: (line: string) => void,
  ) {
    // Postgres runs as its own user when we are root: it must reach data directories made in here.
    chmodSync(this.dir, 0o755);
  }

  /** The resource's value, starting it on first use. */
  async use<T>(resource: Resource<T>): Promise<T> {
    let started = this.running.get(resource.name);
    if (!started) {
      this.log(`starting ${resource.name}`);
      started = resource.start(this);
      this.running.set(resource.name, started);
    }
    return ((await started) as Started<T>).value;
  }

  /** A measurement computed once per run, however many metrics read it. */
  once<T>(key: string, measure: () => Promise<T>): Promise<T> {
    let value = this.shared.get(key);
    if (!value) this.shared.set(key, (value = measure()));
    return value as Promise<T>;
  }

  /** A fresh directory inside the run's scratch directory. */
  scratch(name: string): string {
    return join(this.dir, `${name}-${crypto.randomUUID().slice(0, 8)}`);
  }

  /** What runs now, newest last. */
  runningNames(): string[] {
    return [...this.running.keys()];
  }

  async release(name: string): Promise<void> {
    const started = this.running.get(name);
    if (!started) return;
    this.running.delete(name);
    this.log(`stopping ${name}`);
    await started.then(
      (s) => s.stop(),
      () => {},
    );
  }

  /** Stops what still runs, newest first (a monolith before the Postgres it uses), and removes the scratch. */
  async stop(): Promise<void> {
    for (const name of this.runningNames().reverse()) await this.release(name);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
