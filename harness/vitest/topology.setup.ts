import type { TestProject } from "vitest/node";
import { ensureRedis } from "../../runtime/infra/redis.ts";
import { profileEnv, profileOf } from "../run/profiles.ts";
import { profileProject } from "../run/projects.ts";
import { registeredSystem, startTopology } from "../topologies.ts";

declare module "vitest" {
  export interface ProvidedContext {
    systemUrl: string;
    systemKind: string;
    systemName: string;
  }
}

/** Starts the system and profile this vitest project is named after, once for all its suite files. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chosen = profileProject(project.name);
  const profile = profileOf(chosen.profile);
  const redis = profile.topology === "split" ? await ensureRedis(process.env.REDIS_URL) : undefined;
  const topology = await startTopology(profile.topology, {
    system: registeredSystem(chosen.system),
    redisUrl: redis?.url,
    env: profileEnv(profile, 1),
  });
  console.error(`[${project.name}] ready in ${topology.startupMs.toFixed(0)} ms at ${topology.url} (log: ${topology.logFile})`);
  project.provide("systemUrl", topology.url);
  project.provide("systemKind", profile.name);
  project.provide("systemName", chosen.system);
  return async () => {
    await topology.stop();
    await redis?.stop();
  };
}
