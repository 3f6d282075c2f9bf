import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../infra/ports.ts";
import { ensureRedis, type RedisHandle } from "../../infra/redis.ts";
import { createTransport, transports } from "../transports.ts";

/**
 * A Redis that may evict keys under memory pressure can drop queued events without a trace: BullMQ needs
 * `maxmemory-policy noeviction`, so a process refuses to start its event channel on any other (issue 11).
 */
describe("events on a Redis that evicts keys", () => {
  let redis: RedisHandle | undefined;
  afterAll(() => redis?.stop());

  it("refuses to start, naming the policy and how to set it; on noeviction it starts", async () => {
    redis = await ensureRedis(undefined, { port: freePort() });
    const admin = new Redis(redis.url);
    const channel = () => {
      const transport = createTransport(transports.wire, {
        delivery: { attempts: 3, backoffMs: 10 },
        addressOf: () => undefined,
        internalToken: "eviction-internal-token",
        queuePrefix: `eviction-${crypto.randomUUID()}`,
        redisUrl: redis?.url,
      });
      transport.consume("sink", async () => {});
      return transport;
    };
    try {
      await admin.config("SET", "maxmemory-policy", "allkeys-lru");
      const refused = channel();
      await expect(refused.start()).rejects.toThrow(
        "Redis's maxmemory-policy is allkeys-lru: BullMQ needs noeviction, or queued events can be evicted and lost (set it: CONFIG SET maxmemory-policy noeviction)",
      );
      await refused.stop();
      await admin.config("SET", "maxmemory-policy", "noeviction");
      const started = channel();
      await started.start();
      await started.stop();
    } finally {
      admin.disconnect();
    }
  });
});
