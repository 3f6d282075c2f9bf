import { describe, expect, it } from "vitest";
import { ensureRedis } from "../../infra/redis.ts";
import { createTransport, transports } from "../transports.ts";

describe("stopping the event channel", () => {
  it("with Redis gone, ends within seconds instead of waiting for a reconnect", async () => {
    const redis = await ensureRedis();
    const site = {
      delivery: { attempts: 3, backoffMs: 10 },
      addressOf: () => undefined,
      internalToken: "stop-internal-token",
      queuePrefix: `stop-${crypto.randomUUID()}`,
      instance: "sink-1",
    };
    const consumer = createTransport(transports.wire, { ...site, redisUrl: redis.url });
    consumer.consume("sink", async () => {});
    consumer.consume("sink@every", async () => {});
    await consumer.start();
    expect((await consumer.health()).redis).toBe(true);
    await redis.crash?.();
    const started = performance.now();
    await consumer.stop();
    // A probe of one second, then each connection given at most one more: never the reconnect's wait.
    expect(performance.now() - started).toBeLessThan(4000);
  }, 15_000);
});
