import type { AnySchema, PastVersion } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";
import { conform, type Side } from "./validate.ts";

/** A message's current shape and the older ones still understood. */
export interface Versioned {
  readonly name: string;
  readonly version: number;
  readonly schema: AnySchema;
  readonly past?: readonly PastVersion[];
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
