import type { TestProject } from "vitest/node";
import { ensureRedis } from "../../runtime/infra/redis.ts";
import { startTopology, type TopologyKind } from "../topologies.ts";

declare module "vitest" {
  export interface ProvidedContext {
    systemUrl: string;
    systemKind: string;
  }
}

/** Starts the topology this vitest project is named after, once for all its suite files. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = project.name as TopologyKind;
  const redis = kind === "split" ? await ensureRedis() : undefined;
  const topology = await startTopology(kind, { redisUrl: redis?.url });
  console.error(`[${kind}] ready in ${topology.startupMs.toFixed(0)} ms at ${topology.url} (log: ${topology.logFile})`);
  project.provide("systemUrl", topology.url);
  project.provide("systemKind", kind);
  return async () => {
    await topology.stop();
    await redis?.stop();
  };
}
