import { parseDuration } from "../duration.ts";
import type { ConfigPath } from "../interpolate.ts";
import type { CompileTools } from "./action.ts";

/** A string holding `{{var}}` or `${VAR}`: what it means is known only when the step runs. */
export const isTemplate = (value: unknown) => typeof value === "string" && /\{\{|\$\{/.test(value);

/** The value at `path` in a config, or undefined. */
export function valueAt(config: unknown, path: ConfigPath): unknown {
  let value = config;
  for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

export const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Load-time checks shared by actions: values that are templates are checked only when the step runs. */
export function expectMap(tools: CompileTools, path: ConfigPath): void {
  const value = valueAt(tools.config, path);
  if (value !== undefined && !isMap(value)) tools.fail(path, `config.${path.join(".")} must be a map`);
}

export function expectList(tools: CompileTools, path: ConfigPath): void {
  const value = valueAt(tools.config, path);
  if (value !== undefined && !isTemplate(value) && !Array.isArray(value)) tools.fail(path, `config.${path.join(".")} must be a list`);
}

export function expectDuration(tools: CompileTools, path: ConfigPath): void {
  const value = valueAt(tools.config, path);
  if (value === undefined || isTemplate(value)) return;
  try {
    parseDuration(value);
  } catch (error) {
    tools.fail(path, (error as Error).message);
  }
}

/** A duration from an interpolated config, or the default. */
export const durationOr = (value: unknown, fallbackMs: number): number => (value === undefined ? fallbackMs : parseDuration(value));

/** Fails on a key of the map at `path` that is not one of `known`. */
export function expectKeys(tools: CompileTools, path: ConfigPath, known: readonly string[]): void {
  expectMap(tools, path);
  const value = valueAt(tools.config, path);
  for (const key of Object.keys(isMap(value) ? value : {})) {
    if (!known.includes(key))
      tools.fail([...path, key], `unknown key ${JSON.stringify(key)} in config.${path.join(".")} (expected ${known.join(", ")})`);
  }
}
