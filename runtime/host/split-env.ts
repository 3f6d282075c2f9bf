import { placementVariable } from "../config.ts";
import type { Topology } from "./topology.ts";

/** What the processes of a split topology share wherever they run: the broker, the database server, the secret of internal calls. */
export interface SplitInfrastructure {
  readonly redisUrl: string;
  /** The one Postgres server every service makes its own database on (`<db>_<service>`); unset, each service opens a PGlite. */
  readonly databaseUrl?: string;
  readonly internalToken: string;
}

/**
 * The settings every process of a split topology is started with, on top of its own environment: the shared
 * infrastructure and where each process listens — the topology as the launcher resolved it, overrides applied,
 * so no child reads it differently. The launcher starts its children with them; the deploy manifests
 * (scripts/manifests/) are generated from them, so the two cannot drift.
 */
export function splitEnv(topology: Topology, infrastructure: SplitInfrastructure): Record<string, string> {
  return {
    REDIS_URL: infrastructure.redisUrl,
    ...(infrastructure.databaseUrl ? { DATABASE_URL: infrastructure.databaseUrl } : {}),
    TWOFOLD_INTERNAL_TOKEN: infrastructure.internalToken,
    // Whatever runs these processes restarts them (the launcher's policy, a Deployment's pods).
    TWOFOLD_SUPERVISED: "1",
    PORT: String(topology.gatewayPort),
    ...Object.fromEntries(
      topology.instances.flatMap((i) => [
        [placementVariable("HOST", i.name), i.host],
        [placementVariable("PORT", i.name), String(i.port)],
      ]),
    ),
  };
}
