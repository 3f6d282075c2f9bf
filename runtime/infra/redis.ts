import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchGroup, type RestartPolicy } from "../host/process-group.ts";
import { type Logger, silentLogger } from "../log/logger.ts";
import { installed } from "./installed.ts";
import { freePort } from "./ports.ts";

export interface RedisHandle {
  readonly url: string;
  /** The OS process id of the private redis-server now (a restart changes it); for fault tests that kill it. */
  pid?(): number;
  /** Kills the private server with SIGKILL, as a crash would, and is not restarted (its data dir stays); for fault tests. */
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
  /** Where to say that redis-server is being installed, and that it died or came back; the split launcher passes its own. */
  readonly log?: Logger;
  /**
   * Restart redis-server when it dies (SIGKILL, OOM), on the same port and data, as the launcher restarts a
   * service (the same supervision: process-group.ts); without it, a death is only reported.
   */
  readonly restartPolicy?: RestartPolicy;
  /** Told when redis-server is given up on: a crash loop, or any death without a restart policy. */
  readonly onCrash?: (code: number | null) => void;
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
 * loopback port (noeviction, as BullMQ requires), durable in `options.dir` or throwaway in a temp dir, run as
 * a process group of one so it is watched (and restarted, given a policy) as services are.
 */
export async function ensureRedis(redisUrl?: string, options: RedisOptions = {}): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, stop: async () => {} };
  const binary = await redisServerBinary(options.log);
  const port = options.port ?? freePort();
  // Absolute: redis-server enters --dir before it opens --logfile, so a relative path would be taken twice.
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), "twofold-redis-")));
  if (options.dir) mkdirSync(dir, { recursive: true });
  const settings = ["--port", String(port), "--bind", "127.0.0.1", ...redisServerSettings(Boolean(options.dir))];
  const group = await launchGroup(
    "redis",
    [{ name: "redis", args: [...settings, "--dir", dir, "--logfile", join(dir, "redis.log")], readyUrl: `tcp://127.0.0.1:${port}` }],
    {
      command: [binary],
      env: process.env,
      log: options.log ?? silentLogger(),
      restartPolicy: options.restartPolicy,
      onCrash: (_name, code) => options.onCrash?.(code),
      readyTimeoutMs: 10_000,
    },
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: () => group.pid("redis"),
    async crash() {
      await group.kill("redis", "SIGKILL");
    },
    async stop() {
      await group.stop();
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
