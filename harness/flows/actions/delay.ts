import type { ActionDefinition } from "./action.ts";
import { durationOr, expectDuration } from "./checks.ts";

/** `delay {duration}`: allowed for seed compatibility, but a fixed sleep is either flaky or slow, so it warns. */
export const delay: ActionDefinition = {
  name: "delay",
  required: ["duration"],
  compile(tools) {
    expectDuration(tools, ["duration"]);
    return async (config, run) => {
      const ms = durationOr(config.duration, 0);
      run.check.warn(`step ${run.step.id} uses a fixed delay (${String(config.duration)}); prefer wait_until`);
      await Bun.sleep(ms);
      return {};
    };
  },
};
