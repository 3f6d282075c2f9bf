import { SyntaxProblem } from "./errors.ts";
import { parseSegments, readPath, type Segment } from "./path.ts";
import { Cursor } from "./syntax.ts";
import type { Variables } from "./variables.ts";

/** A compiled JSONPath: `$` followed by `.key`, `['key']`, `[n]`, `[*]` or `[?(@.path op literal)]`. */
export interface JsonPath {
  readonly text: string;
  readonly segments: readonly Segment[];
}

export function parseJsonPath(text: string): JsonPath {
  const cursor = new Cursor(text);
  if (!cursor.eat("$")) throw new SyntaxProblem(text, 0, "a JSONPath starts with `$`");
  const segments = parseSegments(cursor);
  if (!cursor.atEnd()) cursor.fail("unexpected text in the JSONPath");
  return { text, segments };
}

/** The value the path selects in `root` (undefined when nothing matched; a list past `[*]` or a filter). */
export const selectJsonPath = (path: JsonPath, root: unknown, vars: Variables): unknown => readPath(root, path.segments, vars);
