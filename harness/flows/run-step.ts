import type { CheckContext } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";
import { FlowError, UnknownVariableError } from "./errors.ts";
import { describeOutcome, evaluate } from "./expression.ts";
import { type ConfigPath, interpolate, UnknownVariableAt } from "./interpolate.ts";
import { selectJsonPath } from "./jsonpath.ts";
import type { Assertion, RunTools, Step, StepContext } from "./model.ts";
import type { Variables } from "./variables.ts";

const configPath = (path: ConfigPath) => `config${path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;

/** A short look at what the step saw, so a failure can be understood without re-running it. */
const excerpt = (context: StepContext, limit = 600) => {
  const shown = JSON.stringify(context, (key, value) => (key === "headers" && value && typeof value === "object" ? undefined : value)) ?? "";
  return shown.length > limit ? `${shown.slice(0, limit)}…` : shown;
};

/** Runs the steps of one flow run against one system, sharing its variables. */
export class StepRunner {
  private readonly offsets = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly system: SystemClient,
    readonly check: CheckContext,
    readonly vars: Variables,
  ) {}

  /** Interpolates the config, performs the action, checks every assertion, then records the outputs. */
  async run(step: Step): Promise<StepContext> {
    const owner = `step "${step.id}"`;
    let config: Readonly<Record<string, unknown>>;
    try {
      config = interpolate(step.config, this.vars, step.raw) as Readonly<Record<string, unknown>>;
    } catch (error) {
      if (!(error instanceof UnknownVariableAt)) throw error;
      throw new FlowError(
        this.file,
        step.line,
        `${owner}: ${error.problem.message} in ${configPath(error.path)} (line ${step.lineOf(error.path)})${error.problem.defined}`,
      );
    }

    const tools = this.toolsFor(step);
    let context: StepContext;
    try {
      const fault = step.fault;
      context = fault ? await this.system.withFaults(fault, () => step.perform(config, tools)) : await step.perform(config, tools);
    } catch (error) {
      if (error instanceof FlowError) throw error;
      throw new FlowError(this.file, step.line, `${owner} (${step.action}) failed: ${(error as Error).message}`);
    }

    for (const assertion of step.assertions) {
      const failure = this.failureOf(step, assertion, context);
      if (failure !== undefined)
        throw new FlowError(this.file, assertion.line, `${owner}: assertion failed: ${failure}\n  context: ${excerpt(context)}`);
    }
    for (const output of step.outputs) {
      const value = selectJsonPath(output.path, context, this.vars);
      if (value === undefined)
        throw new FlowError(
          this.file,
          output.line,
          `${owner}: output ${output.name}: ${output.path.text} matched nothing\n  context: ${excerpt(context)}`,
        );
      this.vars.set(output.name, value);
    }
    return context;
  }

  private failureOf(step: Step, assertion: Assertion, context: StepContext): string | undefined {
    try {
      const outcome = evaluate(assertion.expression, context, this.vars);
      return outcome.ok ? undefined : describeOutcome(assertion.expression, outcome);
    } catch (error) {
      if (!(error instanceof UnknownVariableError)) throw error;
      throw new FlowError(
        this.file,
        step.line,
        `step "${step.id}": ${error.message} in assertion \`${assertion.expression.text}\` (line ${assertion.line})${error.defined}`,
      );
    }
  }

  private toolsFor(step: Step): RunTools {
    return {
      system: this.system,
      check: this.check,
      step,
      vars: this.vars,
      offsets: this.offsets,
      fail: (message) => {
        throw new FlowError(this.file, step.line, `step "${step.id}": ${message}`);
      },
      firstFailure: (assertions, context) => {
        for (const assertion of assertions) {
          const failure = this.failureOf(step, assertion, context);
          if (failure !== undefined) return failure;
        }
        return undefined;
      },
      runStep: (nested) => this.run(nested),
    };
  }
}
