import type { Context } from "hono";
import type * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";
import { validate } from "./validation.ts";

/** Bodies up to this many characters have all their issues counted (and the first listed); larger ones only their first. */
export const LIST_ALL_ISSUES_UP_TO_CHARS = 64 * 1024;

const MESSAGE = "request body does not match the expected shape";
const LARGE_MESSAGE = `${MESSAGE} (a body over ${LIST_ALL_ISSUES_UP_TO_CHARS.toLocaleString("en-US")} characters is checked up to its first issue only)`;

/**
 * Reads a JSON body and validates it against its contract: malformed JSON is `invalid_json`, an unstorable
 * string or a schema violation is `validation_failed` with the failing field paths in `details` (the first
 * MAX_LISTED_ISSUES; a body over LIST_ALL_ISSUES_UP_TO_CHARS only its first schema issue). Both are 400.
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
  const listAll = text.length <= LIST_ALL_ISSUES_UP_TO_CHARS;
  return validate(json, schema, listAll ? MESSAGE : LARGE_MESSAGE, listAll);
}
