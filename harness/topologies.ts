import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import builtInTopology from "../topology.json";
import { shop } from "../modules/index.ts";
import { prefixLines, terminate, waitReady } from "../runtime/host/child.ts";
import { launchSplit, type SplitTopology } from "../runtime/host/launcher.ts";
import { parseTopology } from "../runtime/host/topology.ts";
import { freePort } from "../runtime/infra/ports.ts";

export type TopologyKind = "monolith" | "split";
export const topologyKinds: readonly TopologyKind[] = ["monolith", "split"];

/** A topology started for suites: where it answers, how long it took, how to stop it. */
export interface StartedTopology {
  readonly kind: TopologyKind;
  readonly url: string;
  readonly startupMs: number;
  readonly logFile: string;
  /** The split topology's processes, for fault injection; absent for the monolith. */
  readonly split?: SplitTopology;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Required for split. */
  readonly redisUrl?: string;
  /** How to run the program: defaults to bun with scripts/twofold.ts; the binary test passes the binary. */
  readonly command?: readonly string[];
  readonly env?: Record<string, string>;
  /** Working directory of every process; the binary test picks one where no node_modules are reachable. */
  readonly cwd?: string;
  /** Told when a split process exits unexpectedly; by default the crash is written to the log. */
  readonly onCrash?: (name: string, code: number | null) => void;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Settings for a topology under test: in-memory databases, harness on, fast retries and stall detection. */
export const testEnv = (): Record<string, string> => {
  const prefix = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    TWOFOLD_ENV: "development",
    TWOFOLD_DATA_DIR: "memory",
    TWOFOLD_HARNESS: "1",
    TWOFOLD_EVENT_BACKOFF_MS: "50",
    TWOFOLD_OUTBOX_SWEEP_MS: "200",
    TWOFOLD_LOCK_MS: "5000",
    TWOFOLD_STALLED_MS: "5000",
    TWOFOLD_QUEUE_PREFIX: prefix,
    TWOFOLD_INTERNAL_TOKEN: crypto.randomUUID(),
    // Cheap password hashing and short business timeouts, so journeys that wait for expiry finish in seconds.
    TWOFOLD_PASSWORD_MEMORY_KIB: "1024",
    TWOFOLD_PASSWORD_TIME_COST: "1",
    TWOFOLD_CHECKOUT_TIMEOUT_MS: "3000",
    TWOFOLD_RESERVATION_TTL_MS: "60000",
    TWOFOLD_PAYMENT_SLOW_MS: "6000",
    TWOFOLD_SAGA_TICK_MS: "200",
    TWOFOLD_RESERVATION_SWEEP_MS: "200",
    ...ownDatabase(prefix),
  };
};

/**
 * On a shared Postgres (bun run test:pg) every topology a test starts gets databases of its own, so no
 * topology's outbox relay can pick up another's events.
 */
function ownDatabase(prefix: string): Record<string, string> {
  const shared = process.env.DATABASE_URL;
  if (!shared) return {};
  const url = new URL(shared);
  url.pathname = `/${url.pathname.replace(/^\//, "") || "postgres"}_${prefix}`;
  return { DATABASE_URL: url.toString() };
}

const logTo = (kind: string) => {
  const dir = join(ROOT, ".twofold", "logs");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${kind}-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  return { file, write: (line: string) => appendFileSync(file, `${line}\n`) };
};

/** Starts a topology as real processes on free ports, from this checkout (or a given binary). */
export async function startTopology(kind: TopologyKind, options: StartOptions = {}): Promise<StartedTopology> {
  const command = options.command ?? [process.execPath, join(ROOT, "scripts", "twofold.ts")];
  const env = { ...process.env, ...testEnv(), ...options.env };
  const log = logTo(kind);
  if (kind === "monolith") {
    const port = freePort();
    const started = performance.now();
    const child = Bun.spawn([...command, "monolith"], { cwd: options.cwd, env: { ...env, PORT: String(port) }, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    void prefixLines(child.stdout, "monolith", log.write);
    void prefixLines(child.stderr, "monolith", log.write);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitReady(`${url}/ready`, child, 60_000, "monolith");
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${error instanceof Error ? error.message : error} (log: ${log.file})`);
    }
    return { kind, url, startupMs: performance.now() - started, logFile: log.file, stop: async () => void (await terminate(child, 15_000)) };
  }
  if (!options.redisUrl) throw new Error("the split topology needs a Redis URL");
  const ports: Record<string, string> = { PORT: String(freePort()) };
  for (const service of (builtInTopology as { services: { name: string }[] }).services) {
    ports[`TWOFOLD_PORT_${service.name.toUpperCase().replace(/-/g, "_")}`] = String(freePort());
  }
  const splitEnv = { ...env, ...ports, REDIS_URL: options.redisUrl };
  const topology = parseTopology(builtInTopology, shop.modules.map((m) => m.name), splitEnv);
  const split = await launchSplit({
    topology,
    command,
    cwd: options.cwd,
    env: splitEnv,
    log: log.write,
    onCrash: (name, code) => {
      log.write(`[harness] ${name} crashed with ${code}`);
      options.onCrash?.(name, code);
    },
  });
  return { kind, url: split.url, startupMs: split.startupMs, logFile: log.file, split, stop: () => split.stop() };
}
