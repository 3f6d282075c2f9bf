import * as v from "valibot";
import { ErrorBody } from "../../contracts/errors.ts";
import { currentContext } from "../bus/context.ts";
import type { DeadLetter } from "../bus/transport.ts";
import { AppError } from "../errors.ts";
import { CORRELATION_HEADER } from "../http/correlation.ts";
import { internalFetch } from "../http/keep-alive.ts";
import { INTERNAL_TOKEN_HEADER } from "../secrets.ts";
import type { IdleReport } from "./activity.ts";
import type { TappedEvent } from "./event-tap.ts";
import { INTERNAL_OBSERVATION } from "./paths.ts";
import type { ObservationPort } from "./port.ts";
import type { TraceEntry } from "./trace-entry.ts";

export interface RemoteProcess {
  readonly name: string;
  readonly url: string;
  readonly internalToken: string;
  readonly timeoutMs: number;
}

/**
 * Another process's observation port, over its internal endpoint (the same route table, routes.ts). Any
 * failure is an AppError naming the process: its own error when it answered one, else service_unavailable.
 */
export function remoteObservation(remote: RemoteProcess): ObservationPort {
  const ask = async <T>(path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await internalFetch(`${remote.url}${INTERNAL_OBSERVATION}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          "content-type": "application/json",
          [INTERNAL_TOKEN_HEADER]: remote.internalToken,
          // Work it causes (a provider state's events) joins the harness's conversation.
          [CORRELATION_HEADER]: currentContext()?.correlationId ?? "",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(remote.timeoutMs),
      });
    } catch (error) {
      throw new AppError("service_unavailable", `${remote.name} did not answer: ${error instanceof Error ? error.message : error}`, {
        process: remote.name,
      });
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (response.ok) return answer as T;
    const failure = v.safeParse(ErrorBody, answer);
    if (failure.success) throw AppError.fromBody({ error: { ...failure.output.error, message: `${remote.name}: ${failure.output.error.message}` } });
    throw new AppError("service_unavailable", `${remote.name} answered ${path} with HTTP ${response.status}`, { process: remote.name });
  };
  return {
    events: async (after, waitMs) => (await ask<{ events: TappedEvent[] }>(`/events?after=${after}&wait=${waitMs}`)).events,
    idle: () => ask<IdleReport>("/idle"),
    sql: async (module, query, params) => (await ask<{ rows: unknown[] }>(`/sql/${module}`, { query, params })).rows,
    state: async (module) => (await ask<{ tables: Record<string, unknown[]> }>(`/state/${module}`)).tables,
    trace: async (prefix) => (await ask<{ trace: TraceEntry[] }>(`/trace?prefix=${encodeURIComponent(prefix)}`)).trace,
    providerState: async (module, state, params) => void (await ask("/provider-state", { module, state, params })),
    call: (from, name, request) => ask("/call", { from, name, request }),
    deadLetters: async () => (await ask<{ dead_letters: DeadLetter[] }>("/dead-letters")).dead_letters,
    clock: (command) => ask("/clock", command),
    faults: (added) => ask("/faults", { faults: added }),
    redeliver: async (eventId) => void (await ask("/redeliver", { event_id: eventId })),
  };
}
