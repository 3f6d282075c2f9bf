import type { TestProject } from "vitest/node";
import { ensureRedis } from "../../runtime/infra/redis.ts";
import { preparePGlite } from "../../runtime/persistence/pglite.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One Redis for the whole test run (REDIS_URL, or a private redis-server started here and stopped after), and the PGlite snapshot. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [redis] = await Promise.all([ensureRedis(process.env.REDIS_URL), preparePGlite()]);
  project.provide("redisUrl", redis.url);
  return () => redis.stop();
}
