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

/** Owned by a module that no process hosts: the caller must fail fast, not hang. */
export const Ghost = defineCall({ name: "ghost.hello", owner: "ghost", request: v.object({}), reply: v.object({}) });

export const Pinged = defineEvent({
  type: "ping.sent",
  owner: "pinger",
  payload: v.object({ n: v.pipe(v.number(), v.integer()), at: v.string() }),
});

export const conformanceCalls = [Say, Broken, Slow, Undeclared, Ghost];
export const conformanceEvents = [Pinged];
