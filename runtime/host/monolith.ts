import type { Hono } from "hono";
import { Bus } from "../bus/bus.ts";
import { newId } from "../bus/context.ts";
import { createCatalog } from "../bus/catalog.ts";
import { MemoryTransport } from "../bus/memory/transport.ts";
import type { Transport } from "../bus/transport.ts";
import { applyClockCommand, clock } from "../clock.ts";
import type { RuntimeConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { createProcessApp, RequestGauge } from "../http/process-app.ts";
import { MemoryRateLimiter } from "../limits/memory.ts";
import { readsFrom, subscribersFrom } from "../module.ts";
import type { SystemDefinition } from "../system.ts";
import { idleReport } from "../tap/activity.ts";
import { EventTap } from "../tap/event-tap.ts";
import { harnessCall } from "../tap/harness-call.ts";
import { harnessRoutes } from "../tap/routes.ts";
import { TraceRecorder } from "../tap/trace.ts";
import { type BootedModules, bootModules } from "./boot.ts";
import { openProcessDatabase } from "./database.ts";
import { drained, type RunningProcess } from "./process.ts";
import { TAP, withTap } from "./tap-subscriber.ts";

/** The monolith before it listens: its HTTP app, bus and modules, usable in-process by tests. */
export interface Monolith {
  readonly app: Hono;
  readonly bus: Bus;
  readonly transport: Transport;
  readonly modules: BootedModules;
  readonly gauge: RequestGauge;
  /** Which database it runs on, for the start-up line. */
  readonly database: string;
  close(): Promise<void>;
}

/**
 * Every module of `system` in this process on the in-memory bus, one database with a schema per module. A
 * component test passes its own transport (calls to stubbed neighbours over HTTP).
 */
export async function assembleMonolith(system: SystemDefinition, config: RuntimeConfig, options: { transport?: Transport } = {}): Promise<Monolith> {
  const database = await openProcessDatabase(config, "monolith", false);
  const transport = options.transport ?? new MemoryTransport(config.delivery, config.strict);
  const tap = config.harness ? new EventTap() : undefined;
  const recorder = config.harness ? new TraceRecorder("monolith") : undefined;
  const bus = new Bus({
    catalog: createCatalog(system.calls, system.events),
    transport,
    subscribersOf: withTap(subscribersFrom(system.modules), tap !== undefined),
    callTimeoutMs: config.callTimeoutMs,
    observer: recorder?.observe,
    reads: readsFrom(system.modules),
    skew: config.skew,
  });
  if (tap) transport.consume(TAP, async (envelope) => tap.record(bus.current(envelope)));
  // One process sees every request, so its own memory holds the whole budget; no Redis in the monolith.
  const limits = new MemoryRateLimiter();
  const modules = await bootModules(system.modules, bus, database.targetOf, config, limits);
  await transport.start();
  modules.startRelays();

  const gauge = new RequestGauge();
  const app = createProcessApp(
    {
      name: "monolith",
      bodyLimitBytes: config.bodyLimitBytes,
      onRequest: recorder ? (request) => recorder.http(request) : undefined,
      readiness: async () => {
        const db = await modules.ping();
        return { ready: db, checks: { database: db, subscriptions: true } };
      },
    },
    gauge,
  );
  if (tap) {
    app.route(
      "/",
      harnessRoutes({
        events: (after, waitMs) => tap.since(after, waitMs),
        idle: async () => {
          const activity = await transport.activity();
          return idleReport({
            monolith: {
              requests: gauge.inFlight,
              calls: activity.callsInFlight,
              deliveries: activity.deliveriesPending,
              outbox: await modules.outboxPending(),
              background: await modules.backgroundPending(),
            },
          });
        },
        sql: (module, query, params) => dbOf(module).readOnly(query, params),
        state: (module) => dbOf(module).dumpState(),
        trace: async (prefix) => recorder?.find(prefix) ?? [],
        providerState: (module, state, params) => modules.providerState(module, state, params),
        call: (from, name, request) => harnessCall(bus, from, name, request),
        deadLetters: () => transport.deadLetters(),
        clock: async (command) => applyClockCommand(clock, command),
        redeliver: async (eventId) => {
          const envelope = tap.find(eventId);
          if (!envelope) throw new AppError("not_found", `the tap has not seen event ${eventId}`);
          await transport.dispatch(envelope, subscribersFrom(system.modules)(envelope.type), { redelivery: newId() });
        },
      }),
    );
  }
  app.route("/", modules.routes);
  function dbOf(module: string) {
    const db = modules.dbs.get(module);
    if (!db) throw new AppError("not_found", `no module ${module}`);
    return db;
  }
  return {
    app,
    bus,
    transport,
    modules,
    gauge,
    database: database.describe,
    async close() {
      await drained(() => gauge.inFlight, 10_000);
      await modules.stopRelays();
      await transport.stop();
      await limits.close();
      await modules.close();
      await database.close();
    },
  };
}

/** The monolith serving on the public port (`bun run dev`). */
export async function startMonolith(system: SystemDefinition, config: RuntimeConfig): Promise<RunningProcess> {
  const started = performance.now();
  const monolith = await assembleMonolith(system, config);
  const server = Bun.serve({ port: config.publicPort, hostname: "0.0.0.0", fetch: monolith.app.fetch });
  const startupMs = performance.now() - started;
  console.error(`[monolith] ${system.modules.length} modules on ${monolith.database}, http://localhost:${server.port} ready in ${startupMs.toFixed(0)} ms`);
  return {
    name: "monolith",
    url: `http://127.0.0.1:${server.port}`,
    startupMs,
    async stop() {
      void server.stop();
      await monolith.close();
    },
  };
}
