import { ensureRedis } from "../../../runtime/infra/redis.ts";
import type { Resource } from "../context.ts";

/** A private redis-server for the in-bench wire measurements (the split topology starts its own). */
export const redis: Resource<string> = {
  name: "redis",
  async start() {
    const handle = await ensureRedis();
    return { value: handle.url, stop: handle.stop };
  },
};
