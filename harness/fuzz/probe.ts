import type { Snapshot } from "../run/state.ts";
import type { SystemClient } from "../system/client.ts";
import type { HttpResult } from "../system/http.ts";
import type { FuzzRequest } from "./request.ts";
import { type Route, routeKey } from "./routes.ts";
import { send } from "./send.ts";
import { OwnerStates } from "./untouched.ts";
import { type Problem, verdict } from "./verdict.ts";
import type { World } from "./world.ts";

const codeOf = (result: HttpResult): string | undefined => result.body?.error?.code;
const rejected = (result: HttpResult) => result.status >= 400 && result.status < 500;

/**
 * A change seen around a rejected write must show again this many times, each against a state read once the
 * system was idle, before it is reported: other suites may be writing to the same topology meanwhile, and a
 * coincidence does not repeat on demand, while a request that writes when it should not does.
 */
const CONFIRMATIONS = 2;

export type Probe = (request: FuzzRequest) => Promise<Problem | undefined>;

/**
 * Checks the property for one request at a time: an answer at all, no 5xx, every error in the envelope with
 * the status its code travels with, and a rejected write leaves the owning module's state as it was (only
 * writes, only the owner, so the run stays cheap).
 */
export function prober(sys: SystemClient, world: World, routes: readonly Route[]): Probe {
  const byKey = new Map(routes.map((r) => [routeKey(r), r]));
  const states = new OwnerStates(sys);

  const sent = async (request: FuzzRequest): Promise<HttpResult | Problem> => {
    try {
      return await send(sys, world, request);
    } catch (error) {
      return { kind: "no_response", message: `no response: ${error instanceof Error ? error.message : error}` };
    }
  };

  const stateChange = async (module: string, before: Snapshot, request: FuzzRequest, result: HttpResult): Promise<Problem | undefined> => {
    let changed = await states.changedSince(module, before, codeOf(result));
    let last = result;
    for (let i = 0; changed && i < CONFIRMATIONS; i++) {
      const settled = await states.settled(module);
      const again = await sent(request);
      if (!("headers" in again) || !rejected(again)) {
        states.forget();
        return undefined;
      }
      changed = await states.changedSince(module, settled, codeOf(again));
      last = again;
    }
    if (!changed) return undefined;
    return {
      kind: "state",
      status: last.status,
      code: codeOf(last),
      message: `a rejected ${last.status} ${codeOf(last)} changed ${module}'s state: ${JSON.stringify(changed).slice(0, 600)}`,
    };
  };

  return async (request) => {
    const route = byKey.get(request.route) as Route;
    const write = request.method !== "GET";
    const before = write ? await states.before(route.module) : undefined;
    const result = await sent(request);
    if (!("headers" in result)) return result;
    if (write && !rejected(result)) states.forget();
    const problem = verdict(route, result);
    if (problem) return problem;
    if (result.status < 300 && route.endsSession && request.method === route.method) await world.renewSession();
    return before && rejected(result) ? stateChange(route.module, before, request, result) : undefined;
  };
}
