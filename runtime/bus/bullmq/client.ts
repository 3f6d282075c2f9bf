import type { ConnectionOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../../log/logger.ts";

/**
 * A Redis client of the event channel's own (beside BullMQ's), on the same connection settings. Its errors
 * are logged, not left to ioredis, which prints every failed reconnect as an "unhandled error event" while
 * Redis is down; BullMQ reconnects it, and what it was saying waits or is given up by its caller.
 */
export function redisClient(connection: ConnectionOptions, log: Logger): Redis {
  const { url, ...options } = connection as RedisOptions & { url?: string };
  const client = url ? new Redis(url, options) : new Redis(options);
  client.on("error", (error: Error) => log.debug({ error: error.message }, "redis connection error"));
  return client;
}
