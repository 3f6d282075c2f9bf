import { Hono } from "hono";
import * as v from "valibot";
import { parseFaults } from "../bus/faults/parse.ts";
import { AppError } from "../errors.ts";
import { readBody } from "../http/body.ts";
import type { ObservationPort } from "./port.ts";

const ClockBody = v.object({
  freeze: v.optional(v.boolean()),
  advance_ms: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365 * 86_400_000))),
  release: v.optional(v.boolean()),
});

const ProviderStateBody = v.object({
  module: v.pipe(v.string(), v.minLength(1)),
  state: v.pipe(v.string(), v.minLength(1)),
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()])), {}),
});
const CallBody = v.object({ from: v.pipe(v.string(), v.minLength(1)), name: v.pipe(v.string(), v.minLength(1)), request: v.unknown() });

const FaultsBody = v.object({ faults: v.pipe(v.string(), v.maxLength(2000)) });

const SqlBody = v.object({
  query: v.pipe(v.string(), v.minLength(1)),
  params: v.optional(v.array(v.unknown()), []),
});

/**
 * The port's one route table: the event tap, the idle check, read-only SQL against one module's own schema,
 * state, traces, dead letters, redelivery, provider states, calls and the clock. Mounted at `/__twofold` on the
 * process the harness talks to, and at `/internal/observe` on each split service for the gateway's fan-out.
 */
export function observationRoutes(source: ObservationPort, base: string): Hono {
  const app = new Hono().basePath(base);
  app.get("/events", async (c) => {
    const after = Number(c.req.query("after") ?? 0);
    const waitMs = Math.min(Number(c.req.query("wait") ?? 0), 10_000);
    const events = await source.events(Number.isFinite(after) ? after : 0, Number.isFinite(waitMs) ? waitMs : 0);
    return c.json({ events, next: events.at(-1)?.seq ?? after });
  });
  app.get("/idle", async (c) => c.json(await source.idle()));
  app.post("/sql/:module", async (c) => {
    const body = await readBody(c, SqlBody);
    return c.json({ rows: await source.sql(c.req.param("module"), body.query, body.params) });
  });
  app.post("/redeliver", async (c) => {
    const { event_id } = await readBody(c, v.object({ event_id: v.pipe(v.string(), v.minLength(1)) }));
    await source.redeliver(event_id);
    return c.json({ redelivered: event_id }, 202);
  });
  app.post("/provider-state", async (c) => {
    const body = await readBody(c, ProviderStateBody);
    await source.providerState(body.module, body.state, body.params);
    return c.json({ module: body.module, state: body.state }, 200);
  });
  app.post("/call", async (c) => {
    const body = await readBody(c, CallBody);
    return c.json(await source.call(body.from, body.name, body.request), 200);
  });
  app.get("/trace", async (c) => {
    const prefix = c.req.query("prefix") ?? "";
    if (prefix.length < 4) throw new AppError("validation_failed", "trace needs ?prefix= (at least 4 characters of a correlation id)");
    const trace = await source.trace(prefix);
    return c.json({ trace: trace.sort((a, b) => a.at - b.at) });
  });
  app.post("/clock", async (c) => {
    return c.json(await source.clock(await readBody(c, ClockBody)), 200);
  });
  app.post("/faults", async (c) => {
    const { faults } = await readBody(c, FaultsBody);
    try {
      parseFaults(faults);
    } catch (error) {
      throw new AppError("validation_failed", error instanceof Error ? error.message : String(error), [{ path: "faults", message: String(error) }]);
    }
    return c.json(await source.faults(faults), 200);
  });
  app.get("/state/:module", async (c) => c.json({ tables: await source.state(c.req.param("module")) }));
  app.get("/dead-letters", async (c) => c.json({ dead_letters: await source.deadLetters() }));
  return app;
}
