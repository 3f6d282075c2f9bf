import { Hono } from "hono";
import * as v from "valibot";
import { Envelope } from "../../../contracts/envelope.ts";
import { ErrorBody } from "../../../contracts/errors.ts";
import { clockTimeout } from "../../clock.ts";
import { AppError, toAppError } from "../../errors.ts";
import { CORRELATION_HEADER } from "../../http/correlation.ts";
import { internalFetch } from "../../http/keep-alive.ts";
import type { Logger } from "../../log/logger.ts";
import { INTERNAL_TOKEN_HEADER, sameSecret } from "../../secrets.ts";
import type { CallChannel, CallReceiver } from "../transport.ts";
import { untilAccepted } from "./instances.ts";

/**
 * Calls over HTTP: the caller POSTs the envelope to the owning service's internal endpoint and waits, with a
 * timeout, for a reply envelope or an error body. Internal endpoints answer only requests carrying the
 * deployment's internal token, and the gateway never routes to them.
 */
export class HttpCalls implements CallChannel {
  private readonly receivers = new Map<string, CallReceiver>();
  private active = 0;

  constructor(
    private readonly addressOf: (module: string) => string | undefined,
    private readonly internalToken: string,
    private readonly log: Logger,
  ) {}

  inFlight(): number {
    return this.active;
  }

  answer(module: string, receiver: CallReceiver): void {
    this.receivers.set(module, receiver);
  }

  readonly request = async (target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> => {
    const base = this.addressOf(target);
    if (!base) throw new AppError("service_unavailable", `no address known for ${target}`);
    this.active++;
    try {
      const response = await this.post(base, envelope, timeoutMs, target);
      const body = response.body;
      if (response.ok) {
        const reply = v.safeParse(Envelope, body);
        if (reply.success) return reply.output;
      } else {
        const failure = v.safeParse(ErrorBody, body);
        if (failure.success) throw AppError.fromBody(failure.output);
      }
      throw new AppError("contract_violation", `${target} answered ${envelope.type} with HTTP ${response.status} and no valid body`);
    } finally {
      this.active--;
    }
  };

  /** The internal endpoint a service mounts to answer calls for the modules it hosts. */
  routes(): Hono {
    const app = new Hono();
    app.post("/internal/calls/:module", async (c) => {
      if (!sameSecret(c.req.header(INTERNAL_TOKEN_HEADER), this.internalToken)) {
        return c.json(new AppError("not_found", "no such route").toBody(), 404);
      }
      const receiver = this.receivers.get(c.req.param("module"));
      if (!receiver) {
        const error = new AppError("service_unavailable", `${c.req.param("module")} is not hosted here`);
        return c.json(error.toBody(), 503);
      }
      try {
        return c.json(await receiver(await c.req.json().catch(() => null)), 200);
      } catch (error) {
        const failure = toAppError(error);
        // Only a bug is logged here (its stack): an AppError is the call's answer, and the caller sees it.
        if (failure.code === "internal") this.log.error({ err: error, callee: c.req.param("module") }, "call failed");
        return c.json(failure.toBody(), failure.status as 500);
      }
    });
    return app;
  }

  /**
   * POSTs the envelope and reads the answer, both within the call's timeout. An instance that refuses the
   * connection never saw the call, so the callee's next instance (a replica) is asked.
   */
  private async post(base: string, envelope: Envelope, timeoutMs: number, target: string): Promise<{ ok: boolean; status: number; body: unknown }> {
    const timeout = clockTimeout(timeoutMs);
    const signal = timeout.signal;
    // The conversation's id as a header too, so the callee's access line names it.
    const headers = { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: this.internalToken, [CORRELATION_HEADER]: envelope.correlationId };
    const sent = JSON.stringify(envelope);
    try {
      const response = await untilAccepted(
        base,
        () => this.addressOf(target),
        (at) => internalFetch(`${at}/internal/calls/${target}`, { method: "POST", headers, body: sent, signal }),
      );
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {}
      return { ok: response.ok, status: response.status, body };
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        throw new AppError("call_timeout", `${target} (${envelope.type}) did not answer within ${timeoutMs} ms`);
      }
      throw new AppError("service_unavailable", `${target} is unreachable: ${error instanceof Error ? error.message : error}`);
    } finally {
      timeout.clear();
    }
  }
}
