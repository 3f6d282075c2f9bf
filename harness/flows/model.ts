import type { CheckContext } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";
import type { Expression } from "./expression.ts";
import type { ConfigPath } from "./interpolate.ts";
import type { JsonPath } from "./jsonpath.ts";
import type { FlowMapping } from "./mapping.ts";
import type { Variables } from "./variables.ts";

/** What a step's assertions and outputs read: `{status, body, headers}`, `{rows, row_count}`, ... */
export type StepContext = Readonly<Record<string, unknown>>;

export interface Assertion {
  readonly expression: Expression;
  readonly line: number;
}

export interface Output {
  readonly name: string;
  readonly path: JsonPath;
  readonly line: number;
}

/** Runs one step's action with its interpolated config and answers the step's context (here, beside Step, which holds one). */
export type Perform = (config: Readonly<Record<string, unknown>>, run: RunTools) => Promise<StepContext>;

/** What an action may use while it runs. */
export interface RunTools {
  readonly system: SystemClient;
  readonly check: CheckContext;
  readonly step: Step;
  readonly vars: Variables;
  /** Where each consumer group has read each topic to in this flow run (`group\0topic` → offset), as Kafka commits it. */
  readonly offsets: Map<string, number>;
  /** Throws a FlowError at the step's line naming the step. */
  fail(message: string): never;
  /** The first assertion that does not hold on `context`, described; undefined when all hold. */
  firstFailure(assertions: readonly Assertion[], context: StepContext): string | undefined;
  /** Runs a nested step completely: action, assertions, outputs. */
  runStep(step: Step): Promise<StepContext>;
}

/** A step as loaded: validated, assertions and outputs parsed, the action ready to run its config. */
export interface Step {
  readonly id: string;
  readonly action: string;
  readonly line: number;
  /** The config as written; strings are interpolated when the step runs. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Faults in force while this step's action runs (written as TWOFOLD_FAULTS), removed after it. */
  readonly fault?: string;
  /** Top-level config keys the action interpolates itself (nested steps, assertions). */
  readonly raw: readonly string[];
  readonly lineOf: (path: ConfigPath) => number;
  readonly assertions: readonly Assertion[];
  readonly outputs: readonly Output[];
  readonly perform: Perform;
}

export interface EnvEntry {
  readonly name: string;
  readonly value: unknown;
  readonly line: number;
}

export interface Flow {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly description?: string;
  readonly env: readonly EnvEntry[];
  readonly setup: readonly Step[];
  readonly steps: readonly Step[];
  readonly teardown: readonly Step[];
  /** Steps its mapping file says not to run. */
  readonly skipped: readonly string[];
  readonly mapping: FlowMapping;
}
