import type { ConfigPath } from "../interpolate.ts";
import type { FlowMapping } from "../mapping.ts";
import type { Assertion, Perform, Step } from "../model.ts";

/** What an action may use while a flow loads. */
export interface CompileTools {
  readonly config: Readonly<Record<string, unknown>>;
  /** What the flow's mapping file says its services, topics, schemas and tables are here. */
  readonly mapping: FlowMapping;
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
