import type { TestProject } from "vitest/node";
import { ensureRedis } from "../../runtime/infra/redis.ts";
import { type ProfileName, profileEnv, profileOf } from "../run/profiles.ts";
import { startTopology } from "../topologies.ts";

declare module "vitest" {
  export interface ProvidedContext {
    systemUrl: string;
    systemKind: string;
  }
}

/** Starts the profile this vitest project is named after, once for all its suite files. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const profile = profileOf(project.name as ProfileName);
  const redis = profile.topology === "split" ? await ensureRedis(process.env.REDIS_URL) : undefined;
  const topology = await startTopology(profile.topology, { redisUrl: redis?.url, env: profileEnv(profile, 1) });
  console.error(`[${profile.name}] ready in ${topology.startupMs.toFixed(0)} ms at ${topology.url} (log: ${topology.logFile})`);
  project.provide("systemUrl", topology.url);
  project.provide("systemKind", profile.name);
  return async () => {
    await topology.stop();
    await redis?.stop();
  };
}
