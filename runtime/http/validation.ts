import * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import { type Issue, issuesOf } from "../bus/validate.ts";
import { AppError } from "../errors.ts";
import { unstorableStrings } from "./storable.ts";

/** The most issues one error lists: a hostile body can have hundreds of thousands, its answer cannot. */
export const MAX_LISTED_ISSUES = 20;

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * `validation_failed` with the first MAX_LISTED_ISSUES issues in `details`. When there were more, the message
 * gives the total and one last entry (path "") says how many are not listed; `details` stays {path, message}[].
 */
function validationFailed(message: string, issues: readonly Issue[], total = issues.length): AppError {
  const listed = issues.slice(0, MAX_LISTED_ISSUES);
  const unlisted = total - listed.length;
  if (unlisted <= 0) return new AppError("validation_failed", message, listed);
  return new AppError("validation_failed", `${message}: ${count(total)} issues, the first ${listed.length} listed`, [
    ...listed,
    { path: "", message: `and ${count(unlisted)} more ${unlisted === 1 ? "issue" : "issues"}` },
  ]);
}

/**
 * The one rule for everything a request hands to a module (bodies, path and query parameters): no string
 * anywhere in it may be unstorable, then it must match its schema. Unstorable strings are reported alone, so
 * the schema's messages never echo them. Validation stops at the first issue (a hostile body's hundreds of
 * thousands of issues cost a second of CPU to collect); a `listAll` value is checked again to count them all.
 */
export function validate<S extends AnySchema>(value: unknown, schema: S, message: string, listAll = true): v.InferOutput<S> {
  const strings = unstorableStrings(value, MAX_LISTED_ISSUES);
  if (strings.total > 0) throw validationFailed(message, strings.issues, strings.total);
  const first = v.safeParse(schema, value, { abortEarly: true });
  if (first.success) return first.output;
  if (!listAll) throw validationFailed(message, issuesOf(first.issues));
  const issues = v.safeParse(schema, value).issues ?? first.issues;
  throw validationFailed(message, issuesOf(issues.slice(0, MAX_LISTED_ISSUES)), issues.length);
}
