import type { Context } from "hono";
import { currentContext } from "../bus/context.ts";
import { untilAccepted } from "../bus/http/instances.ts";
import { currentDeadline, DEADLINE_HEADER, timeLeft } from "../bus/resilience/deadline.ts";
import { clock } from "../clock.ts";
import { AppError } from "../errors.ts";
import { FORWARDED_FOR, socketAddress } from "../http/client-address.ts";
import { CORRELATION_HEADER } from "../http/correlation.ts";
import { internalFetch } from "../http/keep-alive.ts";
import { INTERNAL_TOKEN_HEADER } from "../secrets.ts";
import type { Tracing } from "../telemetry/tracing.ts";

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length"];

export interface ForwardOptions {
  readonly timeoutMs: number;
  /** Vouches for the x-forwarded-for it sets: services trust that header only next to this token. */
  readonly internalToken: string;
  /** When the gateway traces: the hop is a client span, and the service gets its context instead of the client's. */
  readonly tracing?: Tracing;
}

/**
 * Forwards a public request to the service that owns it, body streamed, correlation id attached. A service
 * that is down or too slow becomes a clear 503 or 504 in the error envelope, never a hang. The client's
 * address (this socket's peer) replaces any x-forwarded-for the client sent, so no client can pick the
 * address its attempts are counted under.
 */
export async function forward(c: Context, baseOf: () => string, { timeoutMs, internalToken, tracing }: ForwardOptions): Promise<Response> {
  const incoming = new URL(c.req.url);
  const headers = new Headers(c.req.raw.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  headers.set(FORWARDED_FOR, socketAddress(c) ?? "unknown");
  headers.set(INTERNAL_TOKEN_HEADER, internalToken);
  const correlationId = currentContext()?.correlationId;
  if (correlationId) headers.set(CORRELATION_HEADER, correlationId);
  // The request's deadline travels with it (a client's own, when shorter than the gateway's wait), so every
  // call the service makes for it gives up when the gateway would.
  const deadline = Math.min(currentDeadline() ?? Number.POSITIVE_INFINITY, clock.nowMs() + timeoutMs);
  const waitMs = timeLeft(deadline);
  headers.set(DEADLINE_HEADER, String(waitMs));
  const hasBody = !["GET", "HEAD"].includes(c.req.method);
  const body = hasBody ? await c.req.arrayBuffer() : undefined;
  const signal = AbortSignal.timeout(Math.max(1, waitMs));
  const send = (base: string) => {
    const target = new URL(`${base}${incoming.pathname}${incoming.search}`);
    const sent = () => internalFetch(target, { method: c.req.method, headers, body, signal, redirect: "manual" });
    return tracing ? tracing.outgoing({ method: c.req.method, url: target }, headers, sent) : sent();
  };
  let response: Response;
  try {
    // The owner's instances in turn; one that refuses the connection never saw the request, so the next may take it.
    response = await untilAccepted(baseOf(), baseOf, send);
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") {
      throw new AppError("call_timeout", `the service behind ${incoming.pathname} did not answer within ${waitMs} ms`);
    }
    throw new AppError("service_unavailable", `the service behind ${incoming.pathname} is unavailable`);
  }
  const out = new Headers(response.headers);
  for (const name of HOP_BY_HOP) out.delete(name);
  out.delete("content-encoding");
  return new Response(await response.arrayBuffer(), { status: response.status, headers: out });
}
