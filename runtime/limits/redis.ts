import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { AppError } from "../errors.ts";
import type { LimitRule, LimitVerdict, RateLimiter } from "./rate-limiter.ts";

/**
 * One atomic step per hit, on Redis's clock (replicas' clocks never matter): a missing or expired counter opens
 * a window; a spent one refuses without counting; otherwise it counts. Answers {allowed, count, ttl ms}.
 */
const HIT = `
local ttl = redis.call("PTTL", KEYS[1])
if ttl <= 0 then
  redis.call("SET", KEYS[1], 1, "PX", ARGV[2])
  return {1, 1, tonumber(ARGV[2])}
end
local count = tonumber(redis.call("GET", KEYS[1]))
if count >= tonumber(ARGV[1]) then return {0, count, ttl} end
return {1, redis.call("INCR", KEYS[1]), ttl}
`;

/** Gives one hit back to a live window (DECR keeps its expiry); an ended window stays ended. */
const REFUND = `
if redis.call("PTTL", KEYS[1]) > 0 and tonumber(redis.call("GET", KEYS[1])) > 0 then redis.call("DECR", KEYS[1]) end
return 0
`;

/**
 * Counts in Redis, shared by every process that uses the same Redis and prefix: two replicas of a service
 * spend one budget. Keys are hashed, so no email or token is stored in Redis. When Redis does not answer, the
 * request fails as 503 (closed, not open: an outage must not turn the limits off).
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Connects on the first hit: a service whose modules limit nothing never opens the connection.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 2000 });
    // A failed command answers its own request; the connection's errors would only repeat that in the log.
    this.redis.on("error", () => {});
  }

  async hit(key: string, rule: LimitRule): Promise<LimitVerdict> {
    const [allowed, count, ttl] = (await this.run(HIT, this.keyOf(key, rule), rule.limit, rule.windowMs)) as [number, number, number];
    return { allowed: allowed === 1, retryAfterMs: allowed === 1 ? 0 : ttl, remaining: Math.max(0, rule.limit - count) };
  }

  async refund(key: string, rule: LimitRule): Promise<void> {
    await this.run(REFUND, this.keyOf(key, rule));
  }

  async close(): Promise<void> {
    if (this.redis.status === "wait") this.redis.disconnect();
    else await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private keyOf(key: string, rule: LimitRule): string {
    return `${this.prefix}:limit:${rule.name}:${createHash("sha256").update(key).digest("base64url")}`;
  }

  private async run(script: string, key: string, ...args: number[]): Promise<unknown> {
    try {
      return await this.redis.eval(script, 1, key, ...args);
    } catch {
      throw new AppError("service_unavailable", "rate limiting is unavailable; try again shortly");
    }
  }
}
