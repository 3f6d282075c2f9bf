import { readFileSync } from "node:fs";
import { type ParseArgsOptionDescriptor, parseArgs } from "node:util";

/**
 * The command line conventions every entry point shares (`twofold`, `bun run harness`, `bun run contracts`, the
 * scripts): options are declared once, with their help, and both the parser and `--help` read that declaration.
 * A mistake in the command line is a UsageError: one line on stderr and exit 2 (runtime/cli/main.ts).
 */
interface OptionSpec extends ParseArgsOptionDescriptor {
  readonly help: string;
  /** What the value is called in the help (`--seed N`); strings only. */
  readonly value?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** How to call it, without the options: `bun run harness`, `twofold synthetic`. */
  readonly usage: string;
  readonly summary: string;
  readonly options: O;
  /** The positional arguments it takes, as the usage line shows them (`<module> <version>`); none when absent. */
  readonly positionals?: string;
  readonly examples?: readonly string[];
}

type Scalar<O extends OptionSpec> = O["type"] extends "string" ? string : boolean;
type Value<O extends OptionSpec> = O["multiple"] extends true ? Scalar<O>[] : Scalar<O>;
type Values<O extends OptionSpecs> = {
  -readonly [K in keyof O]: O[K]["default"] extends string | boolean | readonly unknown[] ? Value<O[K]> : Value<O[K]> | undefined;
};

export interface Parsed<O extends OptionSpecs> {
  readonly values: Values<O>;
  readonly positionals: readonly string[];
  /** `--help` or `-h` was given: print `helpText(spec)` and do nothing else. */
  readonly help: boolean;
}

/** A mistake in how the program was called, not a failure of what it does: exit 2. */
export class UsageError extends Error {}

const HELP: OptionSpec = { type: "boolean", short: "h", help: "show this help" };

/** Parses argv strictly by the spec: an unknown option, a missing value or an unexpected argument is a UsageError. */
export function parseCommandLine<const O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[]): Parsed<O> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...spec.options, help: HELP },
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
    const { help, ...rest } = values as Record<string, unknown>;
    return { values: rest as Values<O>, positionals, help: help === true };
  } catch (error) {
    // node:util's messages are one line already ("Unknown option '--bogus'"); say where to look.
    throw new UsageError(`${error instanceof Error ? error.message : error} (see ${spec.usage} --help)`);
  }
}

const flagOf = (name: string, option: OptionSpec): string =>
  `${option.short ? `-${option.short}, ` : ""}--${name}${option.type === "string" ? ` ${option.value ?? "VALUE"}` : ""}`;

/** The help of a command, from its declaration: usage line, summary, options (with defaults), examples. */
export function helpText(spec: CommandSpec): string {
  const options = Object.entries({ ...spec.options, help: HELP });
  const width = Math.max(...options.map(([name, option]) => flagOf(name, option).length));
  const lines = [`usage: ${spec.usage}${spec.positionals ? ` ${spec.positionals}` : ""} [options]`, "", spec.summary, "", "options:"];
  for (const [name, option] of options) {
    const shown = option.default !== undefined && option.default !== false ? ` (default ${[option.default].flat().join(", ")})` : "";
    lines.push(`  ${flagOf(name, option).padEnd(width)}  ${option.help}${shown}${option.multiple ? " (repeatable)" : ""}`);
  }
  if (spec.examples?.length) lines.push("", "examples:", ...spec.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

/** A whole number of at least `min`, or a UsageError naming the option. */
export function wholeNumber(option: string, raw: string, min = 0): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min) throw new UsageError(`--${option} must be a whole number${min > 0 ? ` ≥ ${min}` : ""}, not "${raw}"`);
  return n;
}

/** One of `choices`, or a UsageError naming the option and the choices. */
export function oneOf<T extends string>(option: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`--${option}: unknown "${raw}", one of ${choices.join(", ")}`);
  return raw as T;
}

/** The JSON file a command line names: one that is missing or no JSON is the caller's mistake, a UsageError. */
export function readJsonArgument(what: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`${what}: cannot read ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what}: ${path} is not JSON`);
  }
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A duration written `500ms`, `30s`, `5m` or `1h`, in milliseconds, or a UsageError naming the option. */
export function duration(option: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(raw);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
  if (!(ms > 0)) throw new UsageError(`--${option} takes a duration such as 30s, 5m or 1h, not "${raw}"`);
  return ms;
}
