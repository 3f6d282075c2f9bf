import { Bus } from "../bus/bus.ts";
import { createCatalog } from "../bus/catalog.ts";
import { WireTransport } from "../bus/wire/transport.ts";
import type { RuntimeConfig } from "../config.ts";
import { trustGateway } from "../http/client-address.ts";
import { createProcessApp, RequestGauge } from "../http/process-app.ts";
import { RedisRateLimiter } from "../limits/redis.ts";
import { readsFrom, subscribersFrom } from "../module.ts";
import type { SystemDefinition } from "../system.ts";
import { TraceRecorder } from "../tap/trace.ts";
import { bootModules } from "./boot.ts";
import { openProcessDatabase } from "./database.ts";
import { internalRoutes } from "./internal-routes.ts";
import { drained, type RunningProcess } from "./process.ts";
import { withTap } from "./tap-subscriber.ts";
import type { Topology } from "./topology.ts";
import { splitRedisUrl, wireOptions } from "./wire-options.ts";

/** One service of the split topology: its modules, its own database, HTTP calls and BullMQ events. */
export async function startService(
  system: SystemDefinition,
  config: RuntimeConfig,
  topology: Topology,
  serviceName: string,
): Promise<RunningProcess> {
  const started = performance.now();
  const placement = topology.services.find((s) => s.name === serviceName);
  if (!placement) throw new Error(`no service "${serviceName}" in the topology (${topology.services.map((s) => s.name).join(", ")})`);
  const hosted = system.modules.filter((m) => placement.modules.includes(m.name));
  const wire = wireOptions(config, topology);
  const database = await openProcessDatabase(config, serviceName, true);
  const transport = new WireTransport(wire);
  const recorder = config.harness ? new TraceRecorder(serviceName) : undefined;
  const bus = new Bus({
    catalog: createCatalog(system.calls, system.events),
    transport,
    subscribersOf: withTap(subscribersFrom(system.modules), config.harness),
    callTimeoutMs: config.callTimeoutMs,
    observer: recorder?.observe,
    reads: readsFrom(system.modules),
    skew: config.skew,
  });
  // Counted in the Redis the events use, so replicas of this service spend one budget, not one each.
  const limits = new RedisRateLimiter(splitRedisUrl(config), config.queuePrefix);
  const modules = await bootModules(hosted, bus, database.targetOf, config, limits);
  await transport.start();
  modules.startRelays();

  const gauge = new RequestGauge();
  const app = createProcessApp(
    {
      name: serviceName,
      bodyLimitBytes: config.bodyLimitBytes,
      onRequest: recorder ? (request) => recorder.http(request) : undefined,
      readiness: async () => {
        const [db, redis] = await Promise.all([modules.ping(), transport.healthy().catch(() => false)]);
        return { ready: db && redis, checks: { database: db, redis, subscriptions: redis } };
      },
    },
    gauge,
  );
  app.route("/", transport.routes());
  app.route("/", internalRoutes(config, transport, modules, gauge, recorder));
  app.use("/api/*", trustGateway(wire.internalToken));
  app.route("/", modules.routes);
  const server = Bun.serve({ port: placement.port, hostname: config.serviceBind, fetch: app.fetch });
  const startupMs = performance.now() - started;
  console.error(`[${serviceName}] ${placement.modules.join(", ")} on ${database.describe}, ${placement.url} ready in ${startupMs.toFixed(0)} ms`);
  return {
    name: serviceName,
    url: placement.url,
    startupMs,
    async stop() {
      void server.stop();
      await drained(() => gauge.inFlight, 10_000);
      await modules.stopRelays();
      await transport.stop();
      await limits.close();
      await modules.close();
      await database.close();
    },
  };
}
