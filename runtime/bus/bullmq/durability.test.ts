import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../../harness/eventually.ts";
import { freePort } from "../../infra/ports.ts";
import { ensureRedis, type RedisHandle } from "../../infra/redis.ts";
import { testEnvelope } from "../envelope.test-support.ts";
import { createTransport, transports } from "../transports.ts";

const envelope = (n: number) => testEnvelope({ id: `durable-${n}-${crypto.randomUUID()}`, payload: { n } });

/** The split launcher's Redis (append-only in the data dir): what it accepted, a crash does not lose. */
describe("events on the split launcher's Redis", () => {
  const dir = mkdtempSync(join(tmpdir(), "twofold-durable-redis-"));
  const port = freePort();
  let redis: RedisHandle | undefined;
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers every event of a backlog once, after Redis is killed with -9 and started again on its data", async () => {
    // Relative, as `bun run split` names `.data/split-redis`.
    redis = await ensureRedis(undefined, { dir: relative(process.cwd(), dir), port });
    const site = {
      delivery: { attempts: 3, backoffMs: 10 },
      addressOf: () => undefined,
      internalToken: "durable-internal-token",
      queuePrefix: "durable",
    };
    const publisher = createTransport(transports.wire, { ...site, redisUrl: redis.url });
    const backlog = Array.from({ length: 40 }, (_, i) => envelope(i));
    for (const e of backlog) await publisher.dispatch(e, ["sink"]);
    await publisher.stop();

    await redis.crash?.();
    redis = await ensureRedis(undefined, { dir, port });

    const delivered: string[] = [];
    const consumer = createTransport(transports.wire, { ...site, redisUrl: redis.url });
    consumer.consume("sink", async (e) => void delivered.push(e.id));
    await consumer.start();
    try {
      await eventually(async () => expect((await consumer.activity()).deliveriesPending).toBe(0), { timeoutMs: 10_000 });
      expect(delivered.toSorted()).toEqual(backlog.map((e) => e.id).toSorted());
    } finally {
      await consumer.stop();
    }
  });
});
