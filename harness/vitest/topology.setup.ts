import type { TestProject } from "vitest/node";
import { ensureRedis } from "../../runtime/infra/redis.ts";
import { type ProfileName, profiles } from "../run/profiles.ts";
import { startTopology } from "../topologies.ts";

declare module "vitest" {
  export interface ProvidedContext {
    systemUrl: string;
    systemKind: string;
  }
}

/** Starts the profile this vitest project is named after, once for all its suite files. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const profile = profiles[project.name as ProfileName];
  const redis = profile.kind === "split" ? await ensureRedis() : undefined;
  const topology = await startTopology(profile.kind, { redisUrl: redis?.url, env: profile.env(1) });
  console.error(`[${profile.name}] ready in ${topology.startupMs.toFixed(0)} ms at ${topology.url} (log: ${topology.logFile})`);
  project.provide("systemUrl", topology.url);
  project.provide("systemKind", profile.name);
  return async () => {
    await topology.stop();
    await redis?.stop();
  };
}
