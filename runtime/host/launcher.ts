import { PROBE_PATHS } from "../http/process-app.ts";
import type { SystemDefinition } from "../system.ts";
import { DEFAULT_RESTART_POLICY, type GroupOptions, launchGroup, type ProcessGroup } from "./process-group.ts";
import { type SplitInfrastructure, splitEnv } from "./split-env.ts";
import { stopWaves } from "./stop-order.ts";
import type { Topology } from "./topology.ts";

/** One process of the split topology and the arguments that start it (after the program: `twofold service users`). */
interface SplitProcess {
  readonly name: string;
  readonly args: readonly string[];
  readonly port: number;
  /** Where the launcher reaches it: a service at its topology address, the gateway on loopback. */
  readonly url: string;
  /** Only the gateway is meant to be reached from outside. */
  readonly public: boolean;
}

const gatewayProcess = (topology: Topology): SplitProcess => ({
  name: "gateway",
  args: ["gateway"],
  port: topology.gatewayPort,
  url: `http://127.0.0.1:${topology.gatewayPort}`,
  public: true,
});

/**
 * Every kind of process of a split topology, one per service plus the gateway: what the deploy manifests run
 * as containers (a deployment scales them itself).
 */
export const splitProcesses = (topology: Topology): readonly SplitProcess[] => [
  ...topology.services.map((s) => ({ name: s.name, args: ["service", s.name], port: s.port, url: s.url, public: false })),
  gatewayProcess(topology),
];

/** Every process the launcher starts here: each instance of each service (replicas included), then the gateway. */
const launchedProcesses = (topology: Topology): readonly SplitProcess[] => [
  ...topology.instances.map((i) => ({ name: i.name, args: ["service", i.name], port: i.port, url: i.url, public: false })),
  gatewayProcess(topology),
];

/**
 * The split topology: one process per service plus the gateway, all from the same program, each ready before
 * this resolves, every one started with splitEnv on top of the options' env. A service that crashes is
 * restarted (DEFAULT_RESTART_POLICY unless the options name one); a stop drains the gateway first, then
 * callers before callees (stop-order.ts). The gateway's URL is the topology's public address.
 */
export async function launchSplit(
  system: SystemDefinition,
  topology: Topology,
  infrastructure: SplitInfrastructure,
  options: GroupOptions,
): Promise<ProcessGroup> {
  const processes = launchedProcesses(topology);
  const group = await launchGroup(
    "split",
    processes.map((p) => ({ name: p.name, args: p.args, readyUrl: `${p.url}${PROBE_PATHS.readiness}` })),
    {
      restartPolicy: DEFAULT_RESTART_POLICY,
      stopOrder: stopWaves(system, topology),
      ...options,
      env: { ...options.env, ...splitEnv(topology, infrastructure) },
    },
  );
  const gatewayUrl = processes.find((p) => p.public)?.url ?? "";
  options.log.info(
    { gateway: gatewayUrl, startup_ms: Math.round(group.startupMs) },
    `split topology ready in ${group.startupMs.toFixed(0)} ms: gateway ${gatewayUrl}`,
  );
  return { ...group, url: gatewayUrl };
}
