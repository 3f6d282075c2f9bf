import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installed } from "./installed.ts";
import { freePort, waitForPort } from "./ports.ts";

export interface RedisHandle {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A Redis for split mode and tests: the given URL (`REDIS_URL`) when set, else a private redis-server on a free loopback
 * port in a temp dir (no persistence, noeviction as BullMQ requires), stopped and removed by `stop()`.
 */
export async function ensureRedis(redisUrl?: string): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, stop: async () => {} };
  const binary = await redisServerBinary();
  const port = freePort();
  const dir = mkdtempSync(join(tmpdir(), "twofold-redis-"));
  const child = Bun.spawn(
    [
      binary,
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--maxmemory-policy",
      "noeviction",
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
    async stop() {
      process.off("exit", kill);
      child.kill("SIGTERM");
      await child.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** redis-server from PATH; on Debian as root it is installed with apt, elsewhere we say how to get it. */
const redisServerBinary = (): Promise<string> =>
  installed({ names: ["redis-server"], debianPackage: "redis-server", howTo: "install it (Debian: apt-get install redis-server) or set REDIS_URL" });
