import type { ActionDefinition } from "./action.ts";
import { compileMatch } from "./event-match.ts";

/**
 * `events {type, match?}` lists the events of a type seen since the flow started, without waiting →
 * `{events, count}`, each once however often it was delivered: the tap sees every delivery, and where
 * delivery is at least once (strict, split) one event may arrive twice. After an `idle` step, `count == 0`
 * shows that something did not happen, `count == 1` that it was published once.
 */
export const events: ActionDefinition = {
  name: "events",
  required: ["type"],
  compile(tools) {
    const filterFor = compileMatch(tools);
    return async (config, run) => {
      const seen = await run.system.events.all(String(config.type), filterFor(config, run.vars));
      const distinct = [...new Map(seen.map((e) => [e.id, e])).values()];
      return { events: distinct, count: distinct.length };
    };
  },
};
