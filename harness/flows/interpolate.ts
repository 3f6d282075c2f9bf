import { UnknownVariableError } from "./errors.ts";
import type { Variables } from "./variables.ts";

const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const single = new RegExp(`^(?:${placeholder.source})$`);

export type ConfigPath = readonly (string | number)[];

/** An unknown variable together with where in the config it was written. */
export class UnknownVariableAt extends Error {
  constructor(
    readonly problem: UnknownVariableError,
    readonly path: ConfigPath,
  ) {
    super(problem.message);
    this.name = "UnknownVariableAt";
  }
}

const render = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));

/**
 * Replaces `{{name}}` and `${NAME}` in a string. A string that is exactly one placeholder becomes the
 * variable's value with its type (a number stays a number), so `quantity: "{{qty}}"` sends a number.
 */
export function interpolateString(text: string, vars: Variables): unknown {
  const whole = single.exec(text);
  if (whole) return whole[1] !== undefined ? vars.get(whole[1], "braces") : vars.get(whole[2] ?? "", "dollar");
  return text.replace(placeholder, (_, braces: string | undefined, dollar: string | undefined) =>
    render(braces !== undefined ? vars.get(braces, "braces") : vars.get(dollar ?? "", "dollar")),
  );
}

/** Interpolates every string in a config value (keys stay as written); `skip` names top-level keys left raw. */
export function interpolate(value: unknown, vars: Variables, skip: readonly string[] = [], path: ConfigPath = []): unknown {
  try {
    if (typeof value === "string") return interpolateString(value, vars);
  } catch (error) {
    throw error instanceof UnknownVariableError ? new UnknownVariableAt(error, path) : error;
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, vars, [], [...path, index]));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, path.length === 0 && skip.includes(key) ? item : interpolate(item, vars, [], [...path, key])]),
    );
  }
  return value;
}
