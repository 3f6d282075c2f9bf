import { currentContext, newId } from "../bus/context.ts";
import { CORRELATION_HEADER } from "../http/correlation.ts";
import { WireTransport } from "../bus/wire/transport.ts";
import { Bus } from "../bus/bus.ts";
import { createCatalog } from "../bus/catalog.ts";
import { readsFrom, subscribersFrom } from "../module.ts";
import { harnessCall } from "../tap/harness-call.ts";
import { INTERNAL_TOKEN_HEADER } from "../bus/wire/calls.ts";
import type { DeadLetter } from "../bus/transport.ts";
import { applyClockCommand, clock } from "../clock.ts";
import type { RuntimeConfig } from "../config.ts";
import type { ErrorCode } from "../../contracts/errors.ts";
import { AppError } from "../errors.ts";
import { createProcessApp, RequestGauge } from "../http/process-app.ts";
import type { SystemDefinition } from "../system.ts";
import { idleReport, type ProcessActivity } from "../tap/activity.ts";
import { EventTap } from "../tap/event-tap.ts";
import { harnessRoutes } from "../tap/routes.ts";
import { TraceRecorder, type TraceEntry } from "../tap/trace.ts";
import { drained, type RunningProcess } from "./process.ts";
import { TAP } from "./tap-subscriber.ts";
import type { Topology } from "./topology.ts";
import { wireOptions } from "./wire-options.ts";
import { forward } from "./proxy.ts";

/**
 * The edge of the split topology: one public port, `/api/v1/<resource>` routed to the service whose module
 * owns the resource. Internal endpoints are never routed. With the harness on, it also hosts the event tap
 * (its own BullMQ queue) and answers the harness for the whole topology.
 */
export async function startGateway(system: SystemDefinition, config: RuntimeConfig, topology: Topology): Promise<RunningProcess> {
  const started = performance.now();
  const wire = wireOptions(config, topology);
  const owners = new Map<string, string>();
  for (const module of system.modules) {
    const url = topology.serviceOf(module.name)?.url;
    if (url) for (const resource of module.resources) owners.set(resource, url);
  }
  const internal = (base: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...init.headers, [INTERNAL_TOKEN_HEADER]: wire.internalToken }, signal: AbortSignal.timeout(config.callTimeoutMs) });

  const getJson = async <T>(base: string, path: string): Promise<T> => {
    const response = await internal(base, path);
    const body = (await response.json()) as T & { error?: { code: ErrorCode; message: string } };
    if (!response.ok) throw new AppError(body.error?.code ?? "service_unavailable", body.error?.message ?? `${base}${path} answered ${response.status}`);
    return body;
  };
  const recorder = config.harness ? new TraceRecorder("gateway") : undefined;
  const gauge = new RequestGauge();
  const app = createProcessApp(
    {
      name: "gateway",
      bodyLimitBytes: config.bodyLimitBytes,
      onRequest: recorder ? (request) => recorder.http(request) : undefined,
      readiness: async () => {
        const checks: Record<string, boolean> = {};
        await Promise.all(
          topology.services.map(async (s) => {
            checks[s.name] = await fetch(`${s.url}/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
          }),
        );
        return { ready: Object.values(checks).every(Boolean), checks };
      },
    },
    gauge,
  );

  let tapTransport: WireTransport | undefined;
  if (config.harness) {
    const tap = new EventTap();
    tapTransport = new WireTransport(wire);
    const transport = tapTransport;
    // The harness's own bus: it reads the tap (older versions as current) and makes calls for contract checks.
    const bus = new Bus({
      catalog: createCatalog(system.calls, system.events),
      transport,
      subscribersOf: subscribersFrom(system.modules),
      callTimeoutMs: config.callTimeoutMs,
      reads: readsFrom(system.modules),
      observer: recorder?.observe,
    });
    transport.consume(TAP, async (envelope) => tap.record(bus.current(envelope)));
    await transport.start();
    app.route(
      "/",
      harnessRoutes({
        events: (after, waitMs) => tap.since(after, waitMs),
        idle: async () => {
          const processes: Record<string, ProcessActivity> = {};
          await Promise.all(
            topology.services.map(async (s) => {
              const response = await internal(s.url, "/internal/activity").catch(() => undefined);
              if (!response?.ok) throw new AppError("service_unavailable", `${s.name} does not report its activity`);
              processes[s.name] = (await response.json()) as ProcessActivity;
            }),
          );
          const own = await transport.activity();
          processes.gateway = { requests: gauge.inFlight, calls: 0, deliveries: own.deliveriesPending, outbox: 0, background: 0 };
          return idleReport(processes);
        },
        sql: async (module, query, params) => {
          const base = topology.serviceOf(module)?.url;
          if (!base) throw new AppError("not_found", `no module ${module}`);
          const response = await internal(base, `/internal/sql/${module}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query, params }),
          });
          const body = (await response.json()) as { rows?: unknown[]; error?: { code: ErrorCode; message: string } };
          if (!response.ok || !body.rows) throw new AppError(body.error?.code ?? "internal", body.error?.message ?? "sql failed");
          return body.rows;
        },
        redeliver: async (eventId) => {
          const envelope = tap.find(eventId);
          if (!envelope) throw new AppError("not_found", `the tap has not seen event ${eventId}`);
          await transport.dispatch(envelope, subscribersFrom(system.modules)(envelope.type), { redelivery: newId() });
        },
        trace: async (prefix) => {
          const remote = await Promise.all(
            topology.services.map((s) => getJson<{ trace: TraceEntry[] }>(s.url, `/internal/trace?prefix=${encodeURIComponent(prefix)}`)),
          );
          return [...(recorder?.find(prefix) ?? []), ...remote.flatMap((r) => r.trace)];
        },
        state: async (module) => {
          const base = topology.serviceOf(module)?.url;
          if (!base) throw new AppError("not_found", `no module ${module}`);
          return (await getJson<{ tables: Record<string, unknown[]> }>(base, `/internal/state/${module}`)).tables;
        },
        providerState: async (module, state, params) => {
          const base = topology.serviceOf(module)?.url;
          if (!base) throw new AppError("not_found", `no module ${module}`);
          const response = await internal(base, `/internal/provider-state/${module}`, {
            method: "POST",
            // The state's events join the harness's conversation, so it can find them on the tap.
            headers: { "content-type": "application/json", [CORRELATION_HEADER]: currentContext()?.correlationId ?? "" },
            body: JSON.stringify({ state, params }),
          });
          if (!response.ok) {
            const body = (await response.json().catch(() => ({}))) as { error?: { code: ErrorCode; message: string } };
            throw new AppError(body.error?.code ?? "internal", body.error?.message ?? `provider state answered ${response.status}`);
          }
        },
        call: (from, name, request) => harnessCall(bus, from, name, request),
        clock: async (command) => {
          // Every process moves by the same amount, so their clocks keep agreeing.
          await Promise.all(
            topology.services.map(async (s) => {
              const response = await internal(s.url, "/internal/clock", {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(command),
              }).catch(() => undefined);
              if (!response?.ok) throw new AppError("service_unavailable", `${s.name} did not move its clock`);
            }),
          );
          return applyClockCommand(clock, command);
        },
        deadLetters: async () => {
          const all: DeadLetter[] = [];
          for (const s of topology.services) {
            const response = await internal(s.url, "/internal/dead-letters").catch(() => undefined);
            if (response?.ok) all.push(...((await response.json()) as { dead_letters: DeadLetter[] }).dead_letters);
          }
          return all;
        },
      }),
    );
  }

  app.all("/api/v1/:resource/*", (c) => route(c.req.param("resource"), c));
  app.all("/api/v1/:resource", (c) => route(c.req.param("resource"), c));
  const route = (resource: string, c: Parameters<typeof forward>[0]) => {
    const base = owners.get(resource);
    if (!base) throw new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`);
    return forward(c, base, { timeoutMs: config.gatewayTimeoutMs, internalToken: wire.internalToken });
  };

  const server = Bun.serve({ port: topology.gatewayPort, hostname: "0.0.0.0", fetch: app.fetch });
  const startupMs = performance.now() - started;
  console.error(`[gateway] http://localhost:${server.port} → ${topology.services.map((s) => `${s.name}@${s.port}`).join(", ")}`);
  return {
    name: "gateway",
    url: `http://127.0.0.1:${server.port}`,
    startupMs,
    async stop() {
      void server.stop();
      await drained(() => gauge.inFlight, 10_000);
      await tapTransport?.stop();
    },
  };
}
