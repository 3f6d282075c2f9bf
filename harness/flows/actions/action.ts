import type { CheckContext } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import type { ConfigPath } from "../interpolate.ts";
import type { Assertion, Step, StepContext } from "../model.ts";
import type { Variables } from "../variables.ts";

/** Runs one step's action with its interpolated config and answers the step's context. */
export type Perform = (config: Readonly<Record<string, unknown>>, run: RunTools) => Promise<StepContext>;

/** What an action may use while it runs. */
export interface RunTools {
  readonly system: SystemClient;
  readonly check: CheckContext;
  readonly step: Step;
  readonly vars: Variables;
  /** Throws a FlowError at the step's line naming the step. */
  fail(message: string): never;
  /** The first assertion that does not hold on `context`, described; undefined when all hold. */
  firstFailure(assertions: readonly Assertion[], context: StepContext): string | undefined;
  /** Runs a nested step completely: action, assertions, outputs. */
  runStep(step: Step): Promise<StepContext>;
}

/** What an action may use while a flow loads. */
export interface CompileTools {
  readonly config: Readonly<Record<string, unknown>>;
  /** Throws a FlowError at the line of the config value at `path`. */
  fail(path: ConfigPath, message: string): never;
  /** Parses the list of assertion strings at `path`. */
  assertions(path: ConfigPath): Assertion[];
  /** Loads the list of nested steps at `path`. */
  steps(path: ConfigPath): Step[];
}

export interface ActionDefinition {
  /** What a step's `action:` names. */
  readonly name: string;
  /** Config fields a step must give; a missing one fails the flow when it loads. */
  readonly required: readonly string[];
  /** Config fields the action interpolates itself (assertions, nested steps) rather than before it runs. */
  readonly raw?: readonly string[];
  /** Validates what can be checked before the flow runs and answers how to run it. */
  compile(tools: CompileTools): Perform;
}
