import { join } from "node:path";
import { type Context, Hono } from "hono";
import { Bus } from "../bus/bus.ts";
import { createCatalog } from "../bus/catalog.ts";
import { formatFaults } from "../bus/faults/parse.ts";
import { busLog } from "../bus/log-observer.ts";
import { observers } from "../bus/observer.ts";
import type { Transport } from "../bus/transport.ts";
import { createTransport, type TransportChoice } from "../bus/transports.ts";
import { clock } from "../clock.ts";
import type { RuntimeConfig } from "../config.ts";
import { docsRoutes } from "../docs/routes.ts";
import { AppError } from "../errors.ts";
import { trustGateway } from "../http/client-address.ts";
import { SERVER_IDLE_TIMEOUT_S } from "../http/idle.ts";
import { operatorGate } from "../http/operator.ts";
import { createProcessApp, RequestGauge } from "../http/process-app.ts";
import type { RateLimiter } from "../limits/rate-limiter.ts";
import { createLogger, type Logger } from "../log/logger.ts";
import { processMetrics } from "../metrics/process-metrics.ts";
import { stateGauges } from "../metrics/state-metrics.ts";
import { type ModuleDefinition, readsFrom, subscribersFrom } from "../module.ts";
import { clockFileIn, restoreClockStanding } from "../observation/clock-file.ts";
import { EventTap } from "../observation/event-tap.ts";
import { localObservation } from "../observation/local.ts";
import { INTERNAL_OBSERVATION, PUBLIC_OBSERVATION } from "../observation/paths.ts";
import type { ObservationPort } from "../observation/port.ts";
import { observationRoutes } from "../observation/routes.ts";
import { TAP, withTap } from "../observation/tap-subscriber.ts";
import { TraceRecorder } from "../observation/trace.ts";
import { INTERNAL_TOKEN_HEADER, sameSecret } from "../secrets.ts";
import type { SystemDefinition } from "../system.ts";
import type { Tracing } from "../telemetry/tracing.ts";
import { type BootedModules, bootModules } from "./boot.ts";
import { openProcessDatabase, type ProcessDatabase } from "./database.ts";
import { drained, type RunningProcess } from "./process.ts";
import { queueDashboardRoutes } from "./queue-dashboard.ts";

/** What one process of a system is: which modules it hosts, how they talk, and its part at the edge. */
export interface ProcessPlan {
  readonly name: string;
  readonly system: SystemDefinition;
  readonly hosted: readonly ModuleDefinition[];
  readonly config: RuntimeConfig;
  /** The channels by name (runtime/bus/transports.ts), or a transport a test built itself. */
  readonly transport: TransportChoice | Transport;
  /** Where each module's calls are served, for channels that cross processes. */
  readonly addressOf?: (module: string) => string | undefined;
  readonly limits: RateLimiter;
  /** Split: the process gets a database of its own; the monolith holds one schema per module in one. */
  readonly ownDatabase: boolean;
  /** Whose database it opens when it has its own: its service's, which replicas share (the process's name unless given). */
  readonly databaseName?: string;
  /**
   * The process the harness talks to (the monolith, split's gateway): it hosts the event tap and serves the
   * observation port at /__twofold. Any other process serves its port to the gateway at /internal/observe.
   */
  readonly edge: boolean;
  /** What the edge answers the harness with; by default what the process observes of itself. */
  readonly observe?: (own: ObservationPort) => ObservationPort;
  /** Readiness checks beyond the process's database and transport (the gateway: its services). */
  readonly readiness?: () => Promise<Record<string, boolean>>;
  /** Public requests come through the gateway, which vouches for the client's address. */
  readonly behindGateway?: boolean;
  /** The modules its API description covers (/openapi.json, /asyncapi.json, /docs); by default those it hosts. */
  readonly described?: readonly ModuleDefinition[];
  /** Routes served after the modules' (the gateway's proxy, which traces its hops when the process traces). */
  readonly routes?: (app: Hono, tracing: Tracing | undefined) => void;
  /** The process's logger; by default one named for the process, as configured (LOG_LEVEL, LOG_FORMAT). */
  readonly log?: Logger;
}

/** A process before it listens: its HTTP app, bus and modules, usable in-process by tests. */
export interface AssembledProcess {
  readonly name: string;
  readonly app: Hono;
  readonly bus: Bus;
  readonly transport: Transport;
  readonly modules: BootedModules;
  readonly gauge: RequestGauge;
  readonly log: Logger;
  /** Its spans' way out, when OTLP export is configured (OTEL_EXPORTER_OTLP_ENDPOINT); undefined, nothing is traced. */
  readonly tracing?: Tracing;
  /** Which database it runs on, for the start-up line. */
  readonly database: string;
  /** How its calls and events travel, and the faults injected, for the start-up line. */
  readonly channels: string;
  /** Where it listens whatever its plan's default (TWOFOLD_BIND_HOST), when configured. */
  readonly bindHost?: string;
  /** Drains requests, stops relays and the transport, then closes limits, modules and the database. */
  close(): Promise<void>;
}

const isTransport = (t: TransportChoice | Transport): t is Transport => "request" in t;

const NO_DATABASE: ProcessDatabase = {
  targetOf: (module) => {
    throw new Error(`${module}: this process has no database`);
  },
  describe: "no database",
  close: async () => {},
};

/**
 * The one process assembler: the bus over the chosen transport, module boot, the HTTP shell with readiness,
 * the observation port and shutdown in order. The monolith, a split service and the gateway are plans.
 */
export async function assembleProcess(plan: ProcessPlan): Promise<AssembledProcess> {
  const { config, system } = plan;
  const log = plan.log ?? createLogger(config.logging, plan.name);
  // The transport first: a missing secret or address stops the boot before any database is opened.
  const transport = isTransport(plan.transport)
    ? plan.transport
    : createTransport(
        plan.transport,
        { ...config, addressOf: plan.addressOf, log, instance: plan.name },
        config.faults,
        config.seed,
        config.harness,
        config.supervised,
      );
  const database = plan.hosted.length > 0 ? await openProcessDatabase(config, plan.databaseName ?? plan.name, plan.ownDatabase) : NO_DATABASE;
  // A process the harness's topology started again takes up the topology's time where the harness moved it.
  if (config.harness && config.traceDir) restoreClockStanding(clock, clockFileIn(config.traceDir));
  const recorder = config.harness ? new TraceRecorder(plan.name, config.traceDir && join(config.traceDir, `${plan.name}.jsonl`)) : undefined;
  const tap = config.harness && plan.edge ? new EventTap() : undefined;
  const moduleSubscribers = subscribersFrom(system.modules);
  const described = plan.described ?? plan.hosted;
  const metrics = processMetrics(plan.name, described);
  const tracing = await startTracing(plan, metrics.routeOf);
  const bus = new Bus({
    catalog: createCatalog(system.calls, system.events),
    transport,
    subscribersOf: withTap(moduleSubscribers, config.harness),
    callTimeoutMs: config.callTimeoutMs,
    resilience: config.resilience,
    observer: observers(recorder?.observe, busLog(log), metrics.observeBus),
    reads: readsFrom(system.modules),
    skew: config.skew,
    tracing,
  });
  // The tap reads older versions as current, as every consumer does.
  if (tap) transport.consume(TAP, async (envelope) => tap.record(bus.current(envelope)));
  const modules = await bootModules(plan.hosted, bus, database.targetOf, config, {
    limits: plan.limits,
    log,
    instance: plan.name,
    flagSource: system.flagSource,
  });
  await transport.start();
  modules.startRelays();

  const gauge = new RequestGauge();
  metrics.watch([
    ...stateGauges({
      requestsInFlight: () => gauge.inFlight,
      eventsPending: async () => (await transport.activity()).deliveriesPending,
      deadLetters: () => transport.deadLetters(),
      outboxLag: () => modules.outboxLag(),
      dependencies: () => bus.dependencies(),
    }),
    ...modules.gauges.map(({ module, gauge: declared, read }) => ({ ...declared, name: `twofold_${module}_${declared.name}`, read })),
  ]);
  const app = createProcessApp(
    {
      name: plan.name,
      bodyLimitBytes: config.bodyLimitBytes,
      log,
      operators: operatorGate(config.operatorKey),
      onRequest: recorder ? (request) => recorder.http(request) : undefined,
      onAnswered: metrics.observeRequest,
      traced: tracing?.server,
      readiness: async () => {
        const [db, channels, extra] = await Promise.all([
          plan.hosted.length > 0 ? modules.ping() : undefined,
          transport.health().catch(() => ({ transport: false })),
          plan.readiness?.() ?? {},
        ]);
        const checks: Record<string, boolean> = { ...(db === undefined ? {} : { database: db }), ...channels, ...extra };
        // A dependency's open circuit is shown but does not make this process unready: that would spread the outage.
        return { ready: Object.values(checks).every(Boolean), checks, dependencies: bus.dependencies() };
      },
    },
    gauge,
  );
  const transportRoutes = transport.routes();
  if (transportRoutes) app.route("/", transportRoutes);
  if (recorder) {
    const own = localObservation({
      name: plan.name,
      bus,
      transport,
      modules,
      requestsInFlight: () => gauge.inFlight,
      recorder,
      tap,
      subscribersOf: moduleSubscribers,
      clockFile: config.traceDir && clockFileIn(config.traceDir),
    });
    if (plan.edge) app.route("/", observationRoutes(plan.observe?.(own) ?? own, PUBLIC_OBSERVATION));
    else app.route("/", internalOnly(config.internalToken, observationRoutes(own, INTERNAL_OBSERVATION)));
  }
  if (plan.behindGateway && config.internalToken) app.use("/api/*", trustGateway(config.internalToken));
  app.route("/", metrics.routes);
  if (plan.edge) app.route("/", queueDashboardRoutes(transport, system.modules, operatorGate(config.operatorKey)));
  app.route("/", docsRoutes(described));
  app.route("/", modules.routes);
  plan.routes?.(app, tracing);

  return {
    name: plan.name,
    app,
    bus,
    transport,
    modules,
    gauge,
    log,
    tracing,
    database: database.describe,
    channels: describeChannels(plan.transport, config),
    bindHost: config.bindHost,
    async close() {
      await drained(() => gauge.inFlight, 10_000);
      await modules.stopRelays();
      await transport.stop();
      await plan.limits.close();
      await modules.close();
      await database.close();
      // Last: the spans of everything drained above are exported before the process exits.
      await tracing?.shutdown();
    },
  };
}

/**
 * OpenTelemetry is loaded only when an OTLP endpoint is configured: without one the process holds no provider,
 * no exporter and none of their code, and every traced place skips on one check.
 */
async function startTracing(plan: ProcessPlan, routeOf: (c: Context) => string): Promise<Tracing | undefined> {
  const settings = plan.config.telemetry;
  if (!settings) return undefined;
  const { otelTracing } = await import("../telemetry/otel.ts");
  const messaging = isTransport(plan.transport) ? "custom" : plan.transport.events;
  return otelTracing(settings, { name: plan.name, messaging, routeOf });
}

function describeChannels(transport: TransportChoice | Transport, config: RuntimeConfig): string {
  const channels = isTransport(transport) ? "a given transport" : `calls ${transport.calls}, events ${transport.events}`;
  return config.faults.length > 0 ? `${channels}, faults ${formatFaults(config.faults)}` : channels;
}

/** Internal endpoints answer only requests carrying the deployment's internal token; to anyone else they do not exist. */
function internalOnly(token: string | undefined, routes: Hono): Hono {
  const app = new Hono();
  app.use(`${INTERNAL_OBSERVATION}/*`, async (c, next) => {
    if (!token || !sameSecret(c.req.header(INTERNAL_TOKEN_HEADER), token)) throw new AppError("not_found", "no such route");
    await next();
  });
  return app.route("/", routes);
}

/**
 * Serves an assembled process on its port, at the configured bind host or else the plan's own (`hostname`);
 * stopping it stops the server first, then closes the process in order.
 */
export function serveProcess(
  process: AssembledProcess,
  listen: { port: number; hostname: string; url?: string },
  started: number,
  describe: string,
): RunningProcess {
  const hostname = process.bindHost ?? listen.hostname;
  const server = Bun.serve({ port: listen.port, hostname, idleTimeout: SERVER_IDLE_TIMEOUT_S, fetch: process.app.fetch });
  const startupMs = performance.now() - started;
  const shown = hostname === "0.0.0.0" ? "localhost" : hostname;
  process.log.info(
    { host: hostname, port: server.port, database: process.database, channels: process.channels, startup_ms: Math.round(startupMs) },
    `${describe} on ${process.database}, ${process.channels}, http://${shown}:${server.port} ready in ${startupMs.toFixed(0)} ms`,
  );
  return {
    name: process.name,
    log: process.log,
    url: listen.url ?? `http://127.0.0.1:${server.port}`,
    startupMs,
    async stop() {
      void server.stop();
      await process.close();
    },
  };
}
