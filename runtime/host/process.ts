import type { Logger } from "../log/logger.ts";

/** A running process of a topology (the monolith, one service, or the gateway), as its host sees it. */
export interface RunningProcess {
  readonly name: string;
  /** What it logs its own records with (the split launcher: its supervision of the children). */
  readonly log: Logger;
  readonly url: string;
  /** Milliseconds from the start call until the process was ready to serve. */
  readonly startupMs: number;
  /** Stops taking requests, drains in-flight work and closes connections. */
  stop(): Promise<void>;
}

/** Waits until `count()` reaches zero or `timeoutMs` passes: used to drain requests on shutdown. */
export async function drained(count: () => number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (count() > 0) {
    if (performance.now() > deadline) return false;
    await Bun.sleep(10);
  }
  return true;
}

/** Stops the process cleanly on SIGTERM or SIGINT; a second signal exits at once. */
export function stopOnSignals(process_: RunningProcess): void {
  let stopping = false;
  const handle = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    process_.log.info({ signal }, `${signal}: draining`);
    try {
      await process_.stop();
      process_.log.info("stopped");
      process.exit(0);
    } catch (error) {
      process_.log.error({ err: error }, "unclean stop");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void handle("SIGTERM"));
  process.on("SIGINT", () => void handle("SIGINT"));
}
