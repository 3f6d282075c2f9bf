import type { ActionDefinition } from "./action.ts";
import { durationOr, expectDuration } from "./checks.ts";

/**
 * `idle {timeout?}` waits until no request, call, delivery or outbox row is pending anywhere: the way to
 * assert that something did NOT happen (a redelivered event had no second effect) without sleeping.
 */
export const idle: ActionDefinition = {
  name: "idle",
  required: [],
  compile(tools) {
    expectDuration(tools, ["timeout"]);
    return async (config, run) => {
      await run.system.idle({ timeoutMs: durationOr(config.timeout, 15_000) });
      return {};
    };
  },
};
