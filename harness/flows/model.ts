import type { Perform } from "./actions/action.ts";
import type { Expression } from "./expression.ts";
import type { ConfigPath } from "./interpolate.ts";
import type { JsonPath } from "./jsonpath.ts";

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

/** A step as loaded: validated, assertions and outputs parsed, the action ready to run its config. */
export interface Step {
  readonly id: string;
  readonly action: string;
  readonly line: number;
  /** The config as written; strings are interpolated when the step runs. */
  readonly config: Readonly<Record<string, unknown>>;
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
}
