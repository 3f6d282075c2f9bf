import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { alive } from "../../harness/process-table.ts";
import { testEnvelope } from "../bus/envelope.test-support.ts";
import { createTransport, transports } from "../bus/transports.ts";
import { createLogger } from "../log/logger.ts";
import { freePort } from "./ports.ts";
import { ensureRedis } from "./redis.ts";

/** A launcher's records, read back as the JSON lines it wrote. */
const recorded = () => {
  const records: Record<string, unknown>[] = [];
  return { records, log: createLogger({ level: "info", format: "json" }, "launcher", (line) => records.push(JSON.parse(line))) };
};

const policy = { backoffMs: 10, maxBackoffMs: 40, maxRestarts: 1, windowMs: 60_000 };
const site = {
  delivery: { attempts: 3, backoffMs: 10 },
  addressOf: () => undefined,
  internalToken: "supervised-redis-token",
  queuePrefix: "supervised",
};
const envelope = (n: number) => testEnvelope({ id: `supervised-${n}-${crypto.randomUUID()}`, payload: { n } });

/** The split launcher's private Redis is watched as its services are: restarted on its port and data when it dies. */
describe("a supervised private Redis", () => {
  const dir = mkdtempSync(join(tmpdir(), "twofold-supervised-redis-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("comes back on its port and data after a SIGKILL, logged with why, and a worker connected before consumes again", async () => {
    const { records, log } = recorded();
    const redis = await ensureRedis(undefined, { dir: join(dir, "restart"), port: freePort(), log, restartPolicy: policy });
    const delivered: string[] = [];
    const transport = createTransport(transports.wire, { ...site, redisUrl: redis.url });
    transport.consume("sink", async (e) => void delivered.push(e.id));
    await transport.start();
    try {
      const before = Array.from({ length: 5 }, (_, i) => envelope(i));
      for (const e of before) await transport.dispatch(e, ["sink"]);
      await eventually(() => expect(delivered).toHaveLength(5));

      const killed = redis.pid?.() ?? 0;
      process.kill(killed, "SIGKILL");
      await eventually(() => expect(records).toContainEqual(expect.objectContaining({ level: "info", child: "redis", msg: "✔ redis is back" })));
      expect(records).toContainEqual(expect.objectContaining({ level: "warn", child: "redis", reason: "signal SIGKILL", restart: 1 }));
      expect(redis.pid?.()).not.toBe(killed);

      // The worker that was blocked on the dead server reconnects and takes new events: it is not left idle.
      const after = Array.from({ length: 5 }, (_, i) => envelope(5 + i));
      for (const e of after) await transport.dispatch(e, ["sink"]);
      await eventually(() => expect(delivered.toSorted()).toEqual([...before, ...after].map((e) => e.id).toSorted()), { timeoutMs: 10_000 });
    } finally {
      await transport.stop();
      await redis.stop();
    }
  });

  it("is not restarted after a clean stop", async () => {
    const { records, log } = recorded();
    const redis = await ensureRedis(undefined, { dir: join(dir, "clean"), port: freePort(), log, restartPolicy: policy });
    const pid = redis.pid?.() ?? 0;
    await redis.stop();
    expect(alive(pid)).toBe(false);
    expect(records).toEqual([]);
  });

  it("is given up on when it crash-loops: more than the policy's restarts within its window, with the reason", async () => {
    const { records, log } = recorded();
    const givenUp: (number | null)[] = [];
    const redis = await ensureRedis(undefined, {
      dir: join(dir, "loop"),
      port: freePort(),
      log,
      restartPolicy: policy,
      onCrash: (code) => givenUp.push(code),
    });
    try {
      process.kill(redis.pid?.() ?? 0, "SIGKILL");
      await eventually(() => expect(records.map((r) => r.msg)).toContain("✔ redis is back"));
      process.kill(redis.pid?.() ?? 0, "SIGKILL");
      await eventually(() => expect(givenUp).toHaveLength(1));
      expect(records.at(-1)).toMatchObject({ level: "error", child: "redis", reason: "signal SIGKILL", exits: 2 });
      expect(records.at(-1)?.msg).toMatch(/redis exited \(signal SIGKILL\) 2 times within 60 s: a crash loop, giving up/);
    } finally {
      await redis.stop();
    }
  });
});
