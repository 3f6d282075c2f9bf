import type { ActionDefinition } from "./action.ts";
import { durationOr, expectDuration } from "./checks.ts";

/**
 * `clock {freeze?, advance?, release?}` drives the clock of every process of the topology: `freeze: true` stops
 * time (only advances move it, so a scenario runs the same however loaded the machine is), `advance: 5s` makes
 * deadlines, expiries, call timeouts and slow payments happen now, `release: true` lets time run again (put it
 * in the flow's teardown).
 */
export const clock: ActionDefinition = {
  name: "clock",
  required: [],
  compile(tools) {
    expectDuration(tools, ["advance"]);
    return async (config, run) => {
      await run.system.clock({
        freeze: config.freeze === true,
        advance_ms: config.advance === undefined ? undefined : durationOr(config.advance, 0),
        release: config.release === true,
      });
      return {};
    };
  },
};
