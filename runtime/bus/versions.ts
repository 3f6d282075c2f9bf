import type { AnySchema, Migration, PastVersion } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";
import type { SkewVersion } from "./skew.ts";
import { conform, type Side } from "./validate.ts";

/** A message's current shape and the older ones still understood. */
export interface Versioned {
  readonly name: string;
  readonly version: number;
  readonly schema: AnySchema;
  readonly past?: readonly PastVersion[];
  readonly migrations?: readonly Migration[];
}

/**
 * Reads a value written at `version` as the current version: checked against that version's own schema,
 * then upcast step by step (v1 → v2 → ...) and checked again. A version nobody knows is a contract violation.
 */
export function readAsCurrent(message: Versioned, version: number, value: unknown, side: Side): unknown {
  if (version === message.version) return conform(message.schema, value, { contract: message.name, side, at: "receive" });
  const past = [...(message.past ?? [])].sort((a, b) => a.version - b.version);
  const start = past.findIndex((p) => p.version === version);
  if (start < 0 || version > message.version) {
    throw new AppError("contract_violation", `${message.name} v${version} is not a version this side understands (v${message.version})`, {
      contract: message.name,
      side,
      at: "receive",
      version,
    });
  }
  let current = conform(past[start]?.schema as AnySchema, value, { contract: `${message.name} v${version}`, side, at: "receive" });
  for (const step of past.slice(start)) current = step.upcast(current);
  return conform(message.schema, current, { contract: message.name, side, at: "receive" });
}

/** Writes a current value as an older version, as a provider still running that version would. */
export function writeAsVersion(message: Versioned, version: number, value: unknown): unknown {
  const past = [...(message.past ?? [])].filter((p) => p.version >= version).sort((a, b) => b.version - a.version);
  if (version >= message.version || past.at(-1)?.version !== version) return value;
  return past.reduce((current, step) => step.downcast(current), value);
}

/**
 * What a module run skewed writes: an older message version (a number), or a release's migration of the current
 * one under the same version (a release: the provider ahead of its consumers). Anything it does not describe is
 * written as it is.
 */
export function writeSkewed(message: Versioned, skew: SkewVersion | undefined, value: unknown): { version: number; value: unknown } {
  if (typeof skew === "string") {
    const migration = message.migrations?.find((m) => m.release === skew);
    return { version: message.version, value: migration ? migration.migrate(value) : value };
  }
  const written = writeAsVersion(message, skew ?? message.version, value);
  return { version: written === value ? message.version : (skew ?? message.version), value: written };
}
