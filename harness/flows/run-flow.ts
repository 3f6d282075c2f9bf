import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { type CheckContext, unique } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";
import { FlowError } from "./errors.ts";
import { interpolate, UnknownVariableAt } from "./interpolate.ts";
import type { Flow } from "./model.ts";
import { StepRunner } from "./run-step.ts";
import { Variables } from "./variables.ts";

/** The variables every flow starts with, before its `env`. */
function builtins(): Variables {
  const vars = new Variables();
  vars.set("unique", unique("flow"));
  vars.set("operator_key", DEVELOPMENT_OPERATOR_KEY);
  return vars;
}

/**
 * Runs one flow: events are read from its start, `env` is interpolated in order (so it can use
 * `{{unique}}`), then setup and steps run; teardown always runs, and the first failure is the one reported.
 */
export async function runFlow(flow: Flow, system: SystemClient, check: CheckContext): Promise<void> {
  await system.events.fromNow();
  const vars = builtins();
  for (const entry of flow.env) {
    try {
      vars.set(entry.name, interpolate(entry.value, vars));
    } catch (error) {
      if (error instanceof UnknownVariableAt)
        throw new FlowError(flow.file, entry.line, `env ${entry.name}: ${error.problem.message}${error.problem.defined}`);
      throw error;
    }
  }
  if (flow.skipped.length) check.warn(`${flow.file}: not run, as ${flow.mapping.file ?? "its mapping"} says: ${flow.skipped.join(", ")}`);
  const runner = new StepRunner(flow.file, system, check, vars);
  let failure: unknown;
  try {
    for (const step of [...flow.setup, ...flow.steps]) await runner.run(step);
  } catch (error) {
    failure = error;
  }
  for (const step of flow.teardown) {
    try {
      await runner.run(step);
    } catch (error) {
      if (failure === undefined) failure = error;
      else check.warn(`teardown step ${step.id} failed too: ${(error as Error).message}`);
    }
  }
  if (failure !== undefined) throw failure;
}
