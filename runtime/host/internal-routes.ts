import { Hono } from "hono";
import * as v from "valibot";
import type { WireTransport } from "../bus/wire/transport.ts";
import { INTERNAL_TOKEN_HEADER } from "../bus/wire/calls.ts";
import { applyClockCommand, clock } from "../clock.ts";
import type { RuntimeConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { readBody } from "../http/body.ts";
import { sameSecret } from "../secrets.ts";
import type { RequestGauge } from "../http/process-app.ts";
import { ClockBody } from "../tap/routes.ts";
import type { TraceRecorder } from "../tap/trace.ts";
import type { BootedModules } from "./boot.ts";

const ProviderStateBody = v.object({
  state: v.pipe(v.string(), v.minLength(1)),
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()])), {}),
});
const SqlBody = v.object({ query: v.pipe(v.string(), v.minLength(1)), params: v.optional(v.array(v.unknown()), []) });

/**
 * A service's internal endpoints beyond calls: dead letters always; activity and read-only SQL only for the
 * harness. Every one needs the deployment's internal token; the gateway never routes here.
 */
export function internalRoutes(
  config: RuntimeConfig,
  transport: WireTransport,
  modules: BootedModules,
  gauge: RequestGauge,
  recorder?: TraceRecorder,
): Hono {
  const app = new Hono();
  app.use("/internal/*", async (c, next) => {
    if (!sameSecret(c.req.header(INTERNAL_TOKEN_HEADER), config.internalToken)) throw new AppError("not_found", "no such route");
    await next();
  });
  app.get("/internal/dead-letters", async (c) => c.json({ dead_letters: await transport.deadLetters() }));
  if (!config.harness) return app;
  app.get("/internal/activity", async (c) => {
    const activity = await transport.activity();
    return c.json({
      requests: gauge.inFlight,
      calls: activity.callsInFlight,
      deliveries: activity.deliveriesPending,
      outbox: await modules.outboxPending(),
      background: await modules.backgroundPending(),
    });
  });
  const dbOf = (module: string) => {
    const db = modules.dbs.get(module);
    if (!db) throw new AppError("not_found", `${module} is not hosted here`);
    return db;
  };
  app.post("/internal/sql/:module", async (c) => {
    const body = await readBody(c, SqlBody);
    return c.json({ rows: await dbOf(c.req.param("module")).readOnly(body.query, body.params) });
  });
  app.get("/internal/state/:module", async (c) => c.json({ tables: await dbOf(c.req.param("module")).dumpState() }));
  app.post("/internal/provider-state/:module", async (c) => {
    const body = await readBody(c, ProviderStateBody);
    await modules.providerState(c.req.param("module"), body.state, body.params);
    return c.json({ ok: true });
  });
  app.post("/internal/clock", async (c) => {
    return c.json(applyClockCommand(clock, await readBody(c, ClockBody)));
  });
  app.get("/internal/trace", (c) => c.json({ trace: recorder?.find(c.req.query("prefix") ?? "\u0000") ?? [] }));
  return app;
}
