import type { SystemDefinition } from "../system.ts";
import { DEFAULT_RESTART_POLICY, type GroupOptions, launchGroup, type ProcessGroup } from "./process-group.ts";
import { stopWaves } from "./stop-order.ts";
import type { Topology } from "./topology.ts";

/**
 * The split topology: one process per service plus the gateway, all from the same program, each ready before
 * this resolves. A service that crashes is restarted (DEFAULT_RESTART_POLICY unless the options name one);
 * a stop drains the gateway first, then callers before callees (stop-order.ts). The gateway's URL is the
 * topology's public address.
 */
export async function launchSplit(system: SystemDefinition, topology: Topology, options: GroupOptions): Promise<ProcessGroup> {
  const gatewayUrl = `http://127.0.0.1:${topology.gatewayPort}`;
  const group = await launchGroup(
    "split",
    [
      ...topology.services.map((s) => ({ name: s.name, args: ["service", s.name], readyUrl: `${s.url}/ready` })),
      { name: "gateway", args: ["gateway"], readyUrl: `${gatewayUrl}/ready` },
    ],
    { restartPolicy: DEFAULT_RESTART_POLICY, stopOrder: stopWaves(system, topology), ...options },
  );
  options.log.info(
    { gateway: gatewayUrl, startup_ms: Math.round(group.startupMs) },
    `split topology ready in ${group.startupMs.toFixed(0)} ms: gateway ${gatewayUrl}`,
  );
  return { ...group, url: gatewayUrl };
}
