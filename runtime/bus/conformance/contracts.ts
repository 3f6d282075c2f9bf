import * as v from "valibot";
import { defineCall, defineEvent } from "../../../contracts/define.ts";

/** Test-only contracts for the bus conformance suite; the shop never sees them. */
export const Say = defineCall({
  name: "echo.say",
  owner: "echo",
  request: v.object({ text: v.string() }),
  reply: v.object({ text: v.string(), correlation_id: v.string(), causation_id: v.nullable(v.string()) }),
  errors: ["not_found"],
});

export const Broken = defineCall({
  name: "echo.broken",
  owner: "echo",
  request: v.object({}),
  reply: v.object({ count: v.number() }),
});

export const Slow = defineCall({
  name: "echo.slow",
  owner: "echo",
  request: v.object({ ms: v.number() }),
  reply: v.object({ slept: v.number() }),
});

export const Undeclared = defineCall({
  name: "echo.undeclared",
  owner: "echo",
  request: v.object({}),
  reply: v.object({}),
});

/** Answers when the test lets it (runtime/bus/resilience tests): a dependency that hangs, fails, refuses, then is back. */
export const Gated = defineCall({
  name: "echo.gated",
  owner: "echo",
  request: v.object({}),
  reply: v.object({ n: v.number() }),
  errors: ["not_found"],
});

/** The same, marked retry-safe. */
export const GatedRead = defineCall({
  name: "echo.gated_read",
  owner: "echo",
  request: v.object({}),
  reply: v.object({ n: v.number() }),
  retrySafe: true,
});

const TimeLeft = v.object({ time_left_ms: v.nullable(v.number()) });

/**
 * Says how long its handler has left, lets `advance_ms` of the clock pass, then calls `a` and says how long that
 * handler has left: a deadline over two hops.
 */
export const Relay = defineCall({
  name: "echo.relay",
  owner: "echo",
  request: v.object({ advance_ms: v.number() }),
  reply: v.object({ echo: TimeLeft, a: TimeLeft }),
});

/** Says how long its handler has left. */
export const Remaining = defineCall({ name: "a.remaining", owner: "a", request: v.object({}), reply: TimeLeft });

/** Owned by a module that no process hosts: the caller must fail fast, not hang. */
export const Ghost = defineCall({ name: "ghost.hello", owner: "ghost", request: v.object({}), reply: v.object({}) });

export const Pinged = defineEvent({
  type: "ping.sent",
  owner: "pinger",
  payload: v.object({ n: v.pipe(v.number(), v.integer()), at: v.string() }),
});

/** Heard by c in every process that hosts it (a broadcast) and by d in one of them (competing). */
export const Shouted = defineEvent({
  type: "ping.shouted",
  owner: "pinger",
  payload: v.object({ n: v.pipe(v.number(), v.integer()) }),
});

export const conformanceCalls = [Say, Broken, Slow, Undeclared, Gated, GatedRead, Relay, Remaining, Ghost];
export const conformanceEvents = [Pinged, Shouted];
