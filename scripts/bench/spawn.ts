import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { terminate } from "../../runtime/host/child.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LOG_DIR = join(ROOT, ".twofold", "logs");

/** A process the bench started with `bun scripts/twofold.ts <args>`, ready. */
export interface Spawned {
  readonly pid: number;
  readonly url: string;
  /** From spawn until its /ready first answered 200. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `bun scripts/twofold.ts ...args` as `bun run dev` / `bun run split` would, and times it until
 * `url`/ready answers 200, polled every few ms. Its output goes to a log file under .twofold/logs.
 */
export async function spawnTwofold(name: string, args: readonly string[], url: string, env: Record<string, string>): Promise<Spawned> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `bench-${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  const log = openSync(logFile, "a");
  const started = performance.now();
  const child = Bun.spawn([process.execPath, join(ROOT, "scripts", "twofold.ts"), ...args], {
    cwd: ROOT,
    env,
    stdin: "ignore",
    stdout: log,
    stderr: log,
  });
  closeSync(log);
  // On the way out of the bench the child is asked to stop, not killed: the split launcher then stops what it started.
  const kill = () => child.kill("SIGTERM");
  process.once("exit", kill);
  const stop = async () => {
    await terminate(child, 15_000);
    process.off("exit", kill);
  };
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready; log: ${logFile}`);
      const ok = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 120_000) throw new Error(`${name} not ready within 120 s; log: ${logFile}`);
      await Bun.sleep(5);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid, url, readyMs: performance.now() - started, stop };
}
