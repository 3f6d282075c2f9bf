import { atomsOf, readProblem, typeAccepts } from "./field-types.ts";
import { ancestorsOf, type Field, type FieldMap, parentOf, ROOT } from "./fields.ts";

export interface FieldProblem {
  readonly field: string;
  readonly rule: "removed" | "type" | "absent" | "null";
  readonly detail: string;
}

export interface ReadsCheck {
  readonly problems: readonly FieldProblem[];
  /** Fields read as optional that are not provided: no failure, but the consumer never gets them. */
  readonly unprovided: readonly string[];
}

const OBJECT_ROOT: Field = { type: "object" };
const normalize = (name: string) => name.replace(/[^a-z0-9]/gi, "").toLowerCase();
const lastKey = (path: string) => path.slice((parentOf(path) ?? "").length).replace(/^\./, "");

/**
 * A field gone from where a consumer reads it: is it there under another name? With the provider's previous
 * shape, a sibling added since then of an acceptable type; without it, a sibling spelled the same way
 * (user_id / userId).
 */
function renameHint(path: string, reader: Field, provided: FieldMap, previous?: FieldMap): string | undefined {
  const parent = parentOf(path) ?? "";
  const siblings = Object.keys(provided).filter(
    (p) => p !== path && (parentOf(p) ?? "") === parent && typeAccepts(atomsOf(reader.type), atomsOf((provided[p] as Field).type)),
  );
  const candidates = previous ? siblings.filter((p) => !previous[p]) : siblings.filter((p) => normalize(lastKey(p)) === normalize(lastKey(path)));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Checks what a consumer reads against what a provider sends, field by field: every field read must be
 * there (unless read as optional), of a type the reader accepts, and neither absent nor null where the
 * reader expects a value. Fields nobody reads are not looked at.
 */
export function checkReads(reads: FieldMap, provided: FieldMap, previous?: FieldMap): ReadsCheck {
  const problems: FieldProblem[] = [];
  const unprovided: string[] = [];
  const gone = new Set<string>();
  for (const [path, reader] of Object.entries(reads)) {
    if (ancestorsOf(reads, path).some((a) => gone.has(a))) continue;
    const field = provided[path] ?? (path === ROOT ? OBJECT_ROOT : undefined);
    if (!field) {
      gone.add(path);
      if (reader.optional) {
        unprovided.push(path);
        continue;
      }
      const renamed = renameHint(path, reader, provided, previous);
      const was = previous?.[path] ? "no longer provided" : "not provided";
      problems.push({ field: path, rule: "removed", detail: `${was}${renamed ? ` (renamed to \`${renamed}\`?)` : ""}` });
      continue;
    }
    const problem = readProblem(reader, field);
    if (problem) problems.push({ field: path, rule: problem.rule, detail: problem.detail });
  }
  return { problems, unprovided };
}
