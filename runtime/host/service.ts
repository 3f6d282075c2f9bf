import { transports } from "../bus/transports.ts";
import type { RuntimeConfig } from "../config.ts";
import { RedisRateLimiter } from "../limits/redis.ts";
import type { SystemDefinition } from "../system.ts";
import { assembleProcess, serveProcess } from "./assemble.ts";
import type { RunningProcess } from "./process.ts";
import type { Topology } from "./topology.ts";

/** One service of the split topology: its modules, its own database, HTTP calls and BullMQ events unless configured otherwise. */
export async function startService(
  system: SystemDefinition,
  config: RuntimeConfig,
  topology: Topology,
  serviceName: string,
): Promise<RunningProcess> {
  const started = performance.now();
  const placement = topology.services.find((s) => s.name === serviceName);
  if (!placement) throw new Error(`no service "${serviceName}" in the topology (${topology.services.map((s) => s.name).join(", ")})`);
  const service = await assembleProcess({
    name: serviceName,
    system,
    hosted: system.modules.filter((m) => placement.modules.includes(m.name)),
    config,
    transport: config.transport ?? transports.wire,
    addressOf: (module) => topology.serviceOf(module)?.url,
    // Counted in the Redis the events use, so replicas of this service spend one budget, not one each.
    limits: new RedisRateLimiter(splitRedisUrl(config), config.queuePrefix),
    ownDatabase: true,
    edge: false,
    behindGateway: true,
  });
  return serveProcess(service, { port: placement.port, hostname: placement.host, url: placement.url }, started, placement.modules.join(", "));
}

/** The Redis every split process shares (events, the tap, rate limits). */
function splitRedisUrl(config: RuntimeConfig): string {
  if (!config.redisUrl) throw new Error("split mode needs REDIS_URL (the launcher starts a private Redis when it is unset)");
  return config.redisUrl;
}
