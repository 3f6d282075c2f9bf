import type { Context } from "hono";
import * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";
import { issuesOf } from "../bus/validate.ts";

/**
 * Reads a JSON body and validates it against its contract: malformed JSON is `invalid_json`, a schema
 * violation is `validation_failed` with every failing field path in `details`. Both are 400.
 */
export async function readBody<S extends AnySchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header("content-type");
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", `expected application/json, got ${type}`);
  }
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "request body is not valid JSON");
  }
  const result = v.safeParse(schema, json);
  if (!result.success) {
    throw new AppError("validation_failed", "request body does not match the expected shape", issuesOf(result.issues));
  }
  return result.output;
}

/** Validates path or query parameters the same way as bodies. */
export function readParams<S extends AnySchema>(value: unknown, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) {
    throw new AppError("validation_failed", "request parameters are invalid", issuesOf(result.issues));
  }
  return result.output;
}
