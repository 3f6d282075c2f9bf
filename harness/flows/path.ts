import { holds, type Operator, operators } from "./compare.ts";
import { type Literal, parseLiteral, parseString, resolveLiteral } from "./literal.ts";
import { Cursor } from "./syntax.ts";
import type { Variables } from "./variables.ts";

/**
 * One step into a value. `[*]` and filters (`[?(@.kind == "welcome")]`) select many: from there on the
 * path yields the list of everything it reached.
 */
export type Segment =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "wildcard" }
  | { readonly kind: "filter"; readonly path: readonly Segment[]; readonly op: Operator; readonly literal: Literal };

/** Reads `.key`, `['key']`, `[n]`, `[-n]`, `[*]` and `[?(@.path op literal)]` until none follows. */
export function parseSegments(cursor: Cursor): Segment[] {
  const segments: Segment[] = [];
  for (;;) {
    if (cursor.eat(".")) {
      if (cursor.eat("*")) segments.push({ kind: "wildcard" });
      else segments.push({ kind: "key", key: cursor.ident() ?? cursor.fail("expected a name after `.`") });
    } else if (cursor.eat("[")) {
      segments.push(parseBracket(cursor));
      cursor.expect("]");
    } else {
      return segments;
    }
  }
}

/** A path that starts with a name, as assertions and event matches write it: `payload.items[0].id`. */
export const continuePath = (name: string, cursor: Cursor): Segment[] => [{ kind: "key", key: name }, ...parseSegments(cursor)];

export function parseBarePath(text: string): Segment[] {
  const cursor = new Cursor(text);
  const segments = continuePath(cursor.ident() ?? cursor.fail("expected a name"), cursor);
  if (!cursor.atEnd()) cursor.fail("unexpected text in the path");
  return segments;
}

function parseBracket(cursor: Cursor): Segment {
  if (cursor.eat("*")) return { kind: "wildcard" };
  if (cursor.eat("?")) {
    const parenthesised = cursor.eat("(");
    cursor.expect("@");
    const path = parseSegments(cursor);
    const op = operators.find((candidate) => cursor.eat(candidate)) ?? cursor.fail("expected a comparison operator in the filter");
    const literal = parseLiteral(cursor);
    if (parenthesised) cursor.expect(")");
    return { kind: "filter", path, op, literal };
  }
  const key = parseString(cursor);
  if (key !== undefined) return { kind: "key", key };
  const index = cursor.match(/-?\d+/);
  if (index !== undefined) return { kind: "index", index: Number(index) };
  return cursor.fail("expected an index, a quoted key, `*` or a `?(...)` filter inside `[...]`");
}

const children = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value !== null && typeof value === "object" ? Object.values(value) : [];

function step(value: unknown, segment: Segment, vars: Variables): unknown[] {
  switch (segment.kind) {
    case "key":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? [(value as Record<string, unknown>)[segment.key]] : [undefined];
    case "index":
      return Array.isArray(value) ? [value.at(segment.index)] : [undefined];
    case "wildcard":
      return children(value);
    case "filter": {
      const expected = resolveLiteral(segment.literal, vars);
      return children(value).filter((item) => holds(segment.op, readPath(item, segment.path, vars), expected));
    }
  }
}

/** Follows a path; missing keys give undefined, and once a wildcard or filter was passed, a list. */
export function readPath(root: unknown, segments: readonly Segment[], vars: Variables): unknown {
  let nodes = [root];
  let many = false;
  for (const segment of segments) {
    many ||= segment.kind === "wildcard" || segment.kind === "filter";
    nodes = nodes.flatMap((node) => step(node, segment, vars));
    if (many) nodes = nodes.filter((node) => node !== undefined);
  }
  return many ? nodes : nodes[0];
}
