import { afterAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { MemoryRateLimiter } from "./memory.ts";
import { limitRule, type RateLimiter } from "./rate-limiter.ts";
import { RedisRateLimiter } from "./redis.ts";

const prefix = () => `limits-test-${crypto.randomUUID()}`;

/** One behaviour, both limiters: the monolith's memory and the split services' Redis must count alike. */
const limiters = {
  memory: () => new MemoryRateLimiter(),
  redis: () => new RedisRateLimiter(inject("redisUrl"), prefix()),
};

describe.each(Object.entries(limiters))("rate limiter: %s", (_name, make) => {
  const limiter: RateLimiter = make();
  afterAll(() => limiter.close());
  const rule = limitRule("attempts", 3, 60_000);

  it("allows the budget, then refuses with the time left in the window, counting nothing more", async () => {
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push(await limiter.hit("ada", rule));
    expect(verdicts.map((v) => [v.allowed, v.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
      [false, 0],
    ]);
    expect(verdicts.slice(0, 3).map((v) => v.retryAfterMs)).toEqual([0, 0, 0]);
    for (const refused of verdicts.slice(3)) {
      expect(refused.retryAfterMs).toBeGreaterThan(55_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    await limiter.refund("ada", rule);
    expect(await limiter.hit("ada", rule)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.hit("ada", rule)).allowed).toBe(false);
  });

  it("keeps keys and rules apart", async () => {
    const tight = limitRule("tight", 1, 60_000);
    expect((await limiter.hit("bob", tight)).allowed).toBe(true);
    expect((await limiter.hit("bob", tight)).allowed).toBe(false);
    expect((await limiter.hit("carol", tight)).allowed).toBe(true);
    expect((await limiter.hit("bob", limitRule("other", 1, 60_000))).allowed).toBe(true);
  });

  it("gives the budget back when the window ends", async () => {
    const brief = limitRule("brief", 1, 150);
    expect((await limiter.hit("dan", brief)).allowed).toBe(true);
    expect((await limiter.hit("dan", brief)).allowed).toBe(false);
    await eventually(async () => expect((await limiter.hit("dan", brief)).allowed).toBe(true));
  });

  it("lets exactly the budget through a concurrent flood", async () => {
    const flood = await Promise.all(Array.from({ length: 50 }, () => limiter.hit("eve", rule)));
    expect(flood.filter((v) => v.allowed)).toHaveLength(3);
  });

  it("does not refund more than was counted", async () => {
    await limiter.refund("frank", rule);
    await limiter.refund("frank", rule);
    expect((await limiter.hit("frank", rule)).remaining).toBe(2);
  });
});

describe("rate limiter: redis replicas", () => {
  it("two limiters on one Redis and prefix spend one budget, so two replicas do not double it", async () => {
    const shared = prefix();
    const [a, b] = [new RedisRateLimiter(inject("redisUrl"), shared), new RedisRateLimiter(inject("redisUrl"), shared)];
    const other = new RedisRateLimiter(inject("redisUrl"), prefix());
    try {
      const rule = limitRule("login_per_account", 10, 60_000);
      const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit("ada@example.com", rule)));
      expect(flood.filter((v) => v.allowed)).toHaveLength(10);
      expect((await a.hit("ada@example.com", rule)).allowed).toBe(false);
      expect((await b.hit("ada@example.com", rule)).allowed).toBe(false);
      expect((await other.hit("ada@example.com", rule)).allowed).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });

  it("stores no email or token in Redis, only their hashes", async () => {
    const shared = prefix();
    const limiter = new RedisRateLimiter(inject("redisUrl"), shared);
    const { Redis } = await import("ioredis");
    const redis = new Redis(inject("redisUrl"));
    try {
      await limiter.hit("secret-token-value", limitRule("reset_password_per_account", 5, 60_000));
      const keys = await redis.keys(`${shared}:*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(new RegExp(`^${shared}:limit:reset_password_per_account:[\\w-]{43}$`));
      expect(keys[0]).not.toContain("secret");
    } finally {
      await Promise.all([limiter.close(), redis.quit()]);
    }
  });

  it("closes without ever having connected", async () => {
    await new RedisRateLimiter(inject("redisUrl"), prefix()).close();
  });

  it("refuses as 503 service_unavailable when Redis does not answer", async () => {
    const limiter = new RedisRateLimiter("redis://127.0.0.1:1", prefix());
    try {
      await expect(limiter.hit("ada", limitRule("x", 1, 1000))).rejects.toMatchObject({ code: "service_unavailable", status: 503 });
    } finally {
      await limiter.close();
    }
  });
});

describe("rate limiter: memory", () => {
  it("answers the exact time left in the window and forgets ended windows", async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter(() => now);
    const rule = limitRule("clocked", 1, 10_000);
    await limiter.hit("ada", rule);
    now += 4_000;
    expect(await limiter.hit("ada", rule)).toEqual({ allowed: false, retryAfterMs: 6_000, remaining: 0 });
    now += 6_000;
    expect(await limiter.hit("ada", rule)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0 });
  });
});

describe("limitRule", () => {
  it("refuses a limit or window below 1", () => {
    expect(() => limitRule("zero", 0, 1000)).toThrow(/limit must be a positive integer/);
    expect(() => limitRule("instant", 1, 0)).toThrow(/window must be a positive integer/);
    expect(() => limitRule("half", 1.5, 1000)).toThrow(/positive integer/);
  });
});
