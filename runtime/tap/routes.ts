import { Hono } from "hono";
import * as v from "valibot";
import type { DeadLetter } from "../bus/transport.ts";
import { readBody } from "../http/body.ts";
import type { IdleReport } from "./activity.ts";
import type { TappedEvent } from "./event-tap.ts";
import type { TraceEntry } from "./trace.ts";
import type { ErrorBody } from "../../contracts/errors.ts";
import type { AdvancingClock, ClockCommand } from "../clock.ts";
import { AppError } from "../errors.ts";

/** What the harness may read from a running topology; served only when the harness turns it on. */
export interface HarnessSource {
  events(after: number, waitMs: number): Promise<TappedEvent[]>;
  idle(): Promise<IdleReport>;
  sql(module: string, query: string, params: readonly unknown[]): Promise<unknown[]>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Delivers a tapped event to its subscribers once more, as the wire may (at-least-once). */
  redeliver(eventId: string): Promise<void>;
  /** What every process recorded for conversations whose correlation id starts with `prefix`. */
  trace(prefix: string): Promise<TraceEntry[]>;
  /** Every row one module owns. */
  state(module: string): Promise<Record<string, unknown[]>>;
  /** Puts a module into a named provider state (contract verification). */
  providerState(module: string, state: string, params: Readonly<Record<string, string | number | boolean>>): Promise<void>;
  /** Makes a call as module `from` would, through this topology's real bus; answers the reply or the error. */
  call(from: string, name: string, request: unknown): Promise<{ reply: unknown } | { error: ErrorBody["error"] }>;
  /** Freezes, advances or releases the clock of every process (runtime/clock.ts); answers this process's clock. */
  clock(command: ClockCommand): Promise<ReturnType<AdvancingClock["state"]>>;
}

export const ClockBody = v.object({
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

const SqlBody = v.object({
  query: v.pipe(v.string(), v.minLength(1)),
  params: v.optional(v.array(v.unknown()), []),
});

/**
 * Harness-only endpoints under /__twofold: the event tap, the idle check, read-only SQL against one
 * module's own schema and the dead letters. The same routes in the monolith and on the split gateway.
 */
export function harnessRoutes(source: HarnessSource): Hono {
  const app = new Hono();
  app.get("/__twofold/events", async (c) => {
    const after = Number(c.req.query("after") ?? 0);
    const waitMs = Math.min(Number(c.req.query("wait") ?? 0), 10_000);
    const events = await source.events(Number.isFinite(after) ? after : 0, Number.isFinite(waitMs) ? waitMs : 0);
    return c.json({ events, next: events.at(-1)?.seq ?? after });
  });
  app.get("/__twofold/idle", async (c) => c.json(await source.idle()));
  app.post("/__twofold/sql/:module", async (c) => {
    const body = await readBody(c, SqlBody);
    return c.json({ rows: await source.sql(c.req.param("module"), body.query, body.params) });
  });
  app.post("/__twofold/redeliver", async (c) => {
    const { event_id } = await readBody(c, v.object({ event_id: v.pipe(v.string(), v.minLength(1)) }));
    await source.redeliver(event_id);
    return c.json({ redelivered: event_id }, 202);
  });
  app.post("/__twofold/provider-state", async (c) => {
    const body = await readBody(c, ProviderStateBody);
    await source.providerState(body.module, body.state, body.params);
    return c.json({ module: body.module, state: body.state }, 200);
  });
  app.post("/__twofold/call", async (c) => {
    const body = await readBody(c, CallBody);
    return c.json(await source.call(body.from, body.name, body.request), 200);
  });
  app.get("/__twofold/trace", async (c) => {
    const prefix = c.req.query("prefix") ?? "";
    if (prefix.length < 4) throw new AppError("validation_failed", "trace needs ?prefix= (at least 4 characters of a correlation id)");
    const trace = await source.trace(prefix);
    return c.json({ trace: trace.sort((a, b) => a.at - b.at) });
  });
  app.post("/__twofold/clock", async (c) => {
    return c.json(await source.clock(await readBody(c, ClockBody)), 200);
  });
  app.get("/__twofold/state/:module", async (c) => c.json({ tables: await source.state(c.req.param("module")) }));
  app.get("/__twofold/dead-letters", async (c) => c.json({ dead_letters: await source.deadLetters() }));
  return app;
}
