import type { ActionDefinition } from "./action.ts";
import { durationOr, expectDuration, isMap } from "./checks.ts";
import { compileMatch } from "./event-match.ts";

/**
 * `event {type, match?, timeout?}` waits on the system's event tap (from the flow's start) for an event of
 * that type whose envelope has every `match` path (`payload.order_id`) equal to its value → `{event, payload}`.
 */
export const event: ActionDefinition = {
  name: "event",
  required: ["type"],
  compile(tools) {
    expectDuration(tools, ["timeout"]);
    const filterFor = compileMatch(tools);
    return async (config, run) => {
      const wanted = isMap(config.match) && Object.keys(config.match).length > 0 ? `; wanted ${JSON.stringify(config.match)}` : "";
      const found = await run.system.events
        .expect(String(config.type), filterFor(config, run.vars), durationOr(config.timeout, 10_000))
        .catch((error: Error) => {
          throw new Error(`${error.message}${wanted}`);
        });
      return { event: found, payload: found.payload };
    };
  },
};
