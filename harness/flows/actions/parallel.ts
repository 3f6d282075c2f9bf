import type { StepContext } from "../model.ts";
import type { ActionDefinition } from "./action.ts";

/**
 * `parallel {steps: [...]}` runs its steps at once (concurrent checkouts, racing edits). Each nested step
 * keeps its own assertions and outputs; the step's context is `{results: [context, ...]}` in written order.
 */
export const parallel: ActionDefinition = {
  name: "parallel",
  required: ["steps"],
  raw: ["steps"],
  compile(tools) {
    const steps = tools.steps(["steps"]);
    if (steps.length === 0) tools.fail(["steps"], "config.steps needs at least one step");
    return async (_config, run) => {
      const settled = await Promise.allSettled(steps.map((step) => run.runStep(step)));
      const failed = settled.find((outcome) => outcome.status === "rejected");
      if (failed) throw failed.reason;
      return { results: settled.map((outcome) => (outcome as PromiseFulfilledResult<StepContext>).value) };
    };
  },
};
