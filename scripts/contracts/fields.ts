/**
 * A schema flattened to one entry per field path, so two revisions or two module versions can be compared
 * without their code. Paths: `user_id`, `items[].product_id` (an array's elements), `prices{}` (a record's
 * values), `pair[0]` (a tuple's element), `$` (a root that is not an object).
 */
export interface Field {
  /** Alternatives joined by " | ": base types (string, number, boolean, object, array, record, tuple, unknown…) or JSON literals ("held", 1, true). */
  readonly type: string;
  /** May be absent from its parent. */
  readonly optional?: true;
  /** May be null. */
  readonly nullable?: true;
  /** Its pipe's validations (integer, min_length(1)…): shown, not compared. */
  readonly checks?: readonly string[];
}

export type FieldMap = Readonly<Record<string, Field>>;

export const ROOT = "$";

const SEGMENT = /\.?([^.[{]+)|\[\]|\{\}|\[(\d+)\]/g;

/** `$`, `$[]`, `$.x`: paths under a root that is not an object (a key that merely starts with "$" is not). */
const isRooted = (path: string): boolean => path === ROOT || /^\$[.[{]/.test(path);

/** A path's steps: `.key`, `[]`, `{}` or `[n]`. */
export function segmentsOf(path: string): string[] {
  const body = isRooted(path) ? path.slice(ROOT.length) : path;
  return [...body.matchAll(SEGMENT)].map((m) => (m[1] !== undefined ? `.${m[1]}` : m[0]));
}

/** Appends a step to a path; top-level keys carry no leading dot. */
export const joinPath = (path: string, segment: string): string => (path === "" && segment.startsWith(".") ? segment.slice(1) : path + segment);

/** The enclosing path ("" for a top-level field), or undefined for the root itself. */
export function parentOf(path: string): string | undefined {
  const segments = segmentsOf(path);
  if (segments.length === 0) return undefined;
  return segments.slice(0, -1).reduce(joinPath, isRooted(path) ? ROOT : "");
}

/** The path and every enclosing path that has an entry of its own, nearest first. */
export function ancestorsOf(map: FieldMap, path: string): string[] {
  const found: string[] = [];
  for (let parent = parentOf(path); parent !== undefined && parent !== ""; parent = parentOf(parent)) if (map[parent]) found.push(parent);
  return found;
}

/** Fields every value must carry: neither they nor anything enclosing them is optional. */
export const requiredPaths = (map: FieldMap): string[] =>
  Object.keys(map).filter((path) => !map[path]?.optional && ancestorsOf(map, path).every((a) => !map[a]?.optional));

/** `ttl_ms?: number | null  [integer]` */
export function renderField(path: string, field: Field): string {
  const type = field.nullable ? `${field.type} | null` : field.type;
  const checks = field.checks?.length ? `  [${field.checks.join(", ")}]` : "";
  return `${path}${field.optional ? "?" : ""}: ${type}${checks}`;
}
