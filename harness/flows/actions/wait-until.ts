import { whilePolling } from "../../eventually.ts";
import type { StepContext } from "../model.ts";
import type { ActionDefinition } from "./action.ts";
import { durationOr, expectDuration, isMap } from "./checks.ts";
import { sendRequest } from "./http-request.ts";
import { runQuery } from "./sql.ts";

/** A `request` with a `query` is SQL; anything else is an HTTP request. */
const isQuery = (request: Readonly<Record<string, unknown>>) => "query" in request;

/**
 * `wait_until {request, until, timeout?, interval?, settle?}` repeats an http_request or sql config until every
 * `until` assertion holds; the step's context is the last answer. This replaces fixed delays before async
 * effects. `settle: true` is for "exactly once": a count that is right for a moment may still grow, so once
 * `until` holds the system is left to go idle, asked once more, and `until` must still hold; the step's
 * context is that answer.
 */
export const waitUntil: ActionDefinition = {
  name: "wait_until",
  required: ["request", "until"],
  raw: ["until"],
  compile(tools) {
    const request = tools.config.request;
    if (!isMap(request)) return tools.fail(["request"], "config.request must be a map: an http_request config or a sql config");
    for (const field of isQuery(request) ? ["module", "query"] : ["method", "url"]) {
      if (request[field] === undefined)
        tools.fail(["request"], `config.request needs ${field} (${isQuery(request) ? "sql" : "http_request"} config)`);
    }
    expectDuration(tools, ["timeout"]);
    expectDuration(tools, ["interval"]);
    const settle = tools.config.settle;
    if (settle !== undefined && typeof settle !== "boolean") tools.fail(["settle"], "config.settle must be true or false");
    const until = tools.assertions(["until"]);
    if (until.length === 0) tools.fail(["until"], "config.until needs at least one assertion");

    return async (config, run) => {
      const polled = config.request as Readonly<Record<string, unknown>>;
      const poll = () => (isQuery(polled) ? runQuery(polled, run.system) : sendRequest(polled, run, tools.mapping));
      const timeoutMs = durationOr(config.timeout, 10_000);
      const intervalMs = durationOr(config.interval, 100);
      const deadline = performance.now() + timeoutMs;
      const settled = async () => {
        await run.system.idle({ timeoutMs: Math.max(timeoutMs, 15_000) });
        const after = await whilePolling(poll);
        const failure = run.firstFailure(until, after);
        if (failure !== undefined) run.fail(`held, then no longer once the system was idle: ${failure}`);
        return after;
      };
      for (;;) {
        let last: StepContext | undefined;
        let failure: string | undefined;
        try {
          last = await whilePolling(poll);
        } catch (error) {
          failure = (error as Error).message;
        }
        if (last) failure = run.firstFailure(until, last);
        if (last && failure === undefined) return config.settle === true ? settled() : last;
        if (performance.now() >= deadline) run.fail(`not true within ${timeoutMs} ms: ${failure}`);
        await Bun.sleep(intervalMs);
      }
    };
  },
};
