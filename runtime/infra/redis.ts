import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Logger } from "../log/logger.ts";
import { installed } from "./installed.ts";
import { freePort, waitForPort } from "./ports.ts";

export interface RedisHandle {
  readonly url: string;
  /** Kills the private server with SIGKILL, as a crash would (its data dir stays); for fault tests. */
  crash?(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisOptions {
  /**
   * Keep the data here, append-only (fsync every second) and reused by the next start: the split launcher's
   * Redis, so events accepted by the broker survive a Redis or topology restart. Without it, a throwaway
   * Redis in a temp dir (tests).
   */
  readonly dir?: string;
  /** Listen here (a restart on the same data and address); a free loopback port otherwise. */
  readonly port?: number;
  /** Where to say that redis-server is being installed; the split launcher passes its own. */
  readonly log?: Logger;
}

/**
 * How a split topology's Redis runs, wherever it runs (this launcher's private server, the deploy manifests'):
 * never evicting (BullMQ would lose queued events, and the event channel refuses any other policy), and when
 * its data is kept, append-only with an fsync every second instead of snapshots.
 */
export const redisServerSettings = (kept: boolean): string[] => [
  "--save",
  "",
  ...(kept ? ["--appendonly", "yes", "--appendfsync", "everysec"] : ["--appendonly", "no"]),
  "--maxmemory-policy",
  "noeviction",
];

/**
 * A Redis for split mode and tests: the given URL (`REDIS_URL`) when set, else a private redis-server on a
 * loopback port (noeviction, as BullMQ requires), durable in `options.dir` or throwaway in a temp dir.
 */
export async function ensureRedis(redisUrl?: string, options: RedisOptions = {}): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, stop: async () => {} };
  const binary = await redisServerBinary(options.log);
  const port = options.port ?? freePort();
  // Absolute: redis-server enters --dir before it opens --logfile, so a relative path would be taken twice.
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), "twofold-redis-")));
  if (options.dir) mkdirSync(dir, { recursive: true });
  const child = Bun.spawn(
    [
      binary,
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      ...redisServerSettings(Boolean(options.dir)),
      "--dir",
      dir,
      "--logfile",
      join(dir, "redis.log"),
    ],
    { stdout: "ignore", stderr: "inherit" },
  );
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  await waitForPort(port, 10_000, "redis-server");
  return {
    url: `redis://127.0.0.1:${port}`,
    async crash() {
      process.off("exit", kill);
      child.kill("SIGKILL");
      await child.exited;
    },
    async stop() {
      process.off("exit", kill);
      child.kill("SIGTERM");
      await child.exited;
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** redis-server from PATH; on Debian as root it is installed with apt, elsewhere we say how to get it. */
const redisServerBinary = (log: Logger | undefined): Promise<string> =>
  installed(
    { names: ["redis-server"], debianPackage: "redis-server", howTo: "install it (Debian: apt-get install redis-server) or set REDIS_URL" },
    log,
  );
