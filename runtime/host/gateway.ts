import type { Context } from "hono";
import { transports } from "../bus/transports.ts";
import type { RuntimeConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { MemoryRateLimiter } from "../limits/memory.ts";
import { fanOut } from "../observation/fan-out.ts";
import { remoteObservation } from "../observation/remote.ts";
import { MISSING_INTERNAL_TOKEN } from "../secrets.ts";
import type { SystemDefinition } from "../system.ts";
import type { Tracing } from "../telemetry/tracing.ts";
import { assembleProcess, serveProcess } from "./assemble.ts";
import type { RunningProcess } from "./process.ts";
import { forward } from "./proxy.ts";
import type { Topology } from "./topology.ts";

/**
 * The edge of the split topology: one public port, `/api/v1/<resource>` routed to the service whose module
 * owns the resource; internal endpoints are never routed. It hosts no module. With the harness on, it hosts
 * the event tap (its own BullMQ queue) and answers the harness for the whole topology (fan-out.ts).
 */
export async function startGateway(system: SystemDefinition, config: RuntimeConfig, topology: Topology): Promise<RunningProcess> {
  const started = performance.now();
  const internalToken = config.internalToken;
  if (!internalToken) throw new Error(MISSING_INTERNAL_TOKEN);
  const owners = new Map<string, string>();
  for (const module of system.modules) {
    if (topology.serviceOf(module.name)) for (const resource of module.resources) owners.set(resource, module.name);
  }
  const route = (resource: string, c: Context, tracing: Tracing | undefined) => {
    const owner = owners.get(resource);
    if (!owner) throw new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`);
    return forward(c, () => topology.addressOf(owner) ?? "", { timeoutMs: config.gatewayTimeoutMs, internalToken, tracing });
  };
  const gateway = await assembleProcess({
    name: "gateway",
    system,
    hosted: [],
    // The merged description of the whole system, as the public API the gateway routes.
    described: system.modules,
    config,
    transport: config.transport ?? transports.wire,
    addressOf: topology.addressOf,
    // Rate limits are counted by the services that own the endpoints; the gateway keeps none.
    limits: new MemoryRateLimiter(),
    ownDatabase: false,
    edge: true,
    observe: (own) =>
      fanOut(
        own,
        topology.instances.map((i) => ({
          name: i.name,
          modules: topology.services.find((s) => s.name === i.service)?.modules ?? [],
          port: remoteObservation({ name: i.name, url: i.url, internalToken, timeoutMs: config.callTimeoutMs }),
        })),
      ),
    readiness: async () =>
      Object.fromEntries(
        await Promise.all(
          topology.instances.map(
            async (s) =>
              [
                s.name,
                await fetch(`${s.url}/ready`, { signal: AbortSignal.timeout(2000) }).then(
                  (r) => r.ok,
                  () => false,
                ),
              ] as const,
          ),
        ),
      ),
    routes: (app, tracing) => {
      app.all("/api/v1/:resource/*", (c) => route(c.req.param("resource"), c, tracing));
      app.all("/api/v1/:resource", (c) => route(c.req.param("resource"), c, tracing));
    },
  });
  return serveProcess(
    gateway,
    { port: topology.gatewayPort, hostname: "0.0.0.0" },
    started,
    `→ ${topology.instances.map((i) => `${i.name}@${i.port}`).join(", ")}`,
  );
}
