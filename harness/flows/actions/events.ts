import type { ActionDefinition } from "./action.ts";
import { compileMatch } from "./event-match.ts";

/**
 * `events {type, match?}` lists the events of a type seen since the flow started, without waiting →
 * `{events, count}`. After an `idle` step, `count == 0` shows that something did not happen.
 */
export const events: ActionDefinition = {
  name: "events",
  required: ["type"],
  compile(tools) {
    const filterFor = compileMatch(tools);
    return async (config, run) => {
      const seen = await run.system.events.all(String(config.type), filterFor(config, run.vars));
      return { events: seen, count: seen.length };
    };
  },
};
