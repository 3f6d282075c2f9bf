import { type JsonSchema, toJsonSchema } from "@valibot/to-json-schema";
import type { AnySchema } from "../../contracts/define.ts";

/**
 * Actions JSON Schema cannot say and a reader loses nothing by missing: normalizations the server applies
 * before checking (trim, case), JSON numbers being finite, and custom checks (their messages still come back in
 * `details`). Anything else the converter does not know fails the conversion, so the docs test finds it.
 */
const UNSAID = ["trim", "to_lower_case", "to_upper_case", "finite", "check"];

/** Which side of a schema's transformations: what a client sends (requests) or what it gets back (responses, events). */
export type Side = "input" | "output";

/** A contract's schema as JSON Schema of a draft, to embed in a document (no `$schema` of its own). */
export function jsonSchemaOf(schema: AnySchema, side: Side, target: "draft-2020-12" | "draft-07"): JsonSchema {
  const { $schema: _, ...converted } = toJsonSchema(schema, { target, typeMode: side, errorMode: "throw", ignoreActions: UNSAID });
  // Definitions would be addressed from the document's root, where they are not: no contract is recursive yet.
  if ("$defs" in converted || "definitions" in converted) throw new Error("a recursive schema cannot be embedded in the API description yet");
  return converted;
}
