import type { MiddlewareHandler } from "hono";
import { newId, runInContext } from "../bus/context.ts";
import { DEADLINE_HEADER, deadlineFromHeader } from "../bus/resilience/deadline.ts";
import type { OperatorGate } from "./operator.ts";
import { isSyntheticRequest } from "./synthetic.ts";

export const CORRELATION_HEADER = "x-correlation-id";

/**
 * Each public request starts (or joins, when the client sends a correlation id) a conversation; every call
 * and event it causes carries that id, across processes too. A request that says how long its sender waits
 * (the deadline header, as a forwarding hop sets it) runs with that deadline: its calls wait no longer. The
 * operator may mark the conversation synthetic (synthetic.ts).
 */
export const correlation =
  (operators: OperatorGate): MiddlewareHandler =>
  async (c, next) => {
    const given = c.req.header(CORRELATION_HEADER);
    const correlationId = given && /^[\w.:-]{1,128}$/.test(given) ? given : newId();
    c.header(CORRELATION_HEADER, correlationId);
    const synthetic = isSyntheticRequest(c, operators);
    await runInContext({ correlationId, causationId: null, deadline: deadlineFromHeader(c.req.header(DEADLINE_HEADER)), synthetic }, next);
  };
