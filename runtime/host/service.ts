import { transports } from "../bus/transports.ts";
import type { RuntimeConfig } from "../config.ts";
import { RedisRateLimiter } from "../limits/redis.ts";
import type { SystemDefinition } from "../system.ts";
import { assembleProcess, serveProcess } from "./assemble.ts";
import type { RunningProcess } from "./process.ts";
import type { Topology } from "./topology.ts";

/** One service of the split topology (one of its instances, by name: `orders`, `orders-2`): its modules, its own database, HTTP calls and BullMQ events unless configured otherwise. */
export async function startService(
  system: SystemDefinition,
  config: RuntimeConfig,
  topology: Topology,
  serviceName: string,
): Promise<RunningProcess> {
  const started = performance.now();
  const instance = topology.instanceNamed(serviceName);
  const placement = instance && topology.services.find((s) => s.name === instance.service);
  if (!instance || !placement) {
    throw new Error(`no service "${serviceName}" in the topology (${topology.instances.map((i) => i.name).join(", ")})`);
  }
  if (placement.instances.length > 1 && !config.databaseUrl) {
    throw new Error(`${placement.name} runs as ${placement.instances.length} replicas, which must share one database: set DATABASE_URL (Postgres)`);
  }
  const service = await assembleProcess({
    name: instance.name,
    databaseName: placement.name,
    system,
    hosted: system.modules.filter((m) => placement.modules.includes(m.name)),
    config,
    transport: config.transport ?? transports.wire,
    addressOf: topology.addressOf,
    // Counted in the Redis the events use, so replicas of this service spend one budget, not one each.
    limits: new RedisRateLimiter(splitRedisUrl(config), config.queuePrefix),
    ownDatabase: true,
    edge: false,
    behindGateway: true,
  });
  return serveProcess(service, { port: instance.port, hostname: instance.host, url: instance.url }, started, placement.modules.join(", "));
}

/** The Redis every split process shares (events, the tap, rate limits). */
function splitRedisUrl(config: RuntimeConfig): string {
  if (!config.redisUrl) throw new Error("split mode needs REDIS_URL (the launcher starts a private Redis when it is unset)");
  return config.redisUrl;
}
