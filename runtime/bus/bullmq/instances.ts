import type { ConnectionOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../../log/logger.ts";
import { redisClient } from "./client.ts";

/**
 * Which instances of a module hear its broadcasts, kept in Redis: a set of names per module, and per instance a
 * lease key that expires unless renewed. A publisher adds a broadcast to the queue of each instance whose lease
 * holds. An instance that stops cleanly leaves; one that is killed stops being written to once its lease
 * lapses, so its queue holds at most a lease's worth of broadcasts until an instance of its name starts again
 * and clears it. Renewal rewrites the set too, so a Redis restarted without its data learns the instances back.
 */
export class Instances {
  private client?: Redis;
  private readonly joined = new Map<string, string>();
  private renewal?: ReturnType<typeof setInterval>;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly leaseMs: number,
    private readonly log: Logger,
  ) {}

  /** The instances of `module` whose lease holds now; lapsed ones are forgotten. */
  async live(module: string): Promise<string[]> {
    const redis = this.redis();
    const names = await redis.smembers(this.setOf(module));
    if (names.length === 0) return [];
    const leases = await redis.mget(names.map((name) => this.leaseOf(module, name)));
    const lapsed = names.filter((_, i) => leases[i] === null);
    if (lapsed.length > 0) await redis.srem(this.setOf(module), ...lapsed);
    return names.filter((_, i) => leases[i] !== null);
  }

  /** This process hears `module`'s broadcasts as `instance` from now on, while it renews its lease. */
  async join(module: string, instance: string): Promise<void> {
    this.joined.set(module, instance);
    await this.renew(module, instance);
    this.renewal ??= setInterval(() => {
      for (const [m, i] of this.joined)
        this.renew(m, i).catch((error) => this.log.warn({ module: m, error: String(error) }, "broadcast lease not renewed"));
    }, this.leaseMs / 3);
    this.renewal.unref?.();
  }

  /** Stops hearing every broadcast this process joined. */
  async leave(): Promise<void> {
    clearInterval(this.renewal);
    this.renewal = undefined;
    const joined = [...this.joined];
    this.joined.clear();
    for (const [module, instance] of joined) {
      await this.redis().multi().srem(this.setOf(module), instance).del(this.leaseOf(module, instance)).exec();
    }
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = undefined;
  }

  private async renew(module: string, instance: string): Promise<void> {
    await this.redis().multi().sadd(this.setOf(module), instance).set(this.leaseOf(module, instance), "1", "PX", this.leaseMs).exec();
  }

  private setOf(module: string): string {
    return `${this.prefix}:broadcast:${module}`;
  }

  private leaseOf(module: string, instance: string): string {
    return `${this.prefix}:broadcast:${module}:${instance}`;
  }

  private redis(): Redis {
    if (!this.client) {
      this.client = redisClient(this.connection, this.log);
    }
    return this.client;
  }
}
