import { interpolateString } from "./interpolate.ts";
import type { Cursor } from "./syntax.ts";
import type { Variables } from "./variables.ts";

/** The right-hand side of a comparison, kept unresolved until the step runs (it may name variables). */
export type Literal =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "text"; readonly template: string }
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "list"; readonly items: readonly Literal[] };

const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const doubleQuoted = /"(?:[^"\\]|\\.)*"/;
const singleQuoted = /'(?:[^'\\]|\\.)*'/;
const keywords: Record<string, unknown> = { true: true, false: false, nil: null, null: null };

/** A string literal, double-quoted (JSON escapes) or single-quoted. */
export function parseString(cursor: Cursor): string | undefined {
  const double = cursor.match(doubleQuoted);
  if (double !== undefined) return JSON.parse(double) as string;
  const single = cursor.match(singleQuoted);
  return single === undefined ? undefined : single.slice(1, -1).replace(/\\(.)/g, "$1");
}

/** number, "string", 'string', true, false, nil/null, `{{var}}` or a list of those in `[...]`. */
export function parseLiteral(cursor: Cursor): Literal {
  const variable = cursor.match(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/);
  if (variable !== undefined) return { kind: "variable", name: variable.slice(2, -2).trim() };
  const text = parseString(cursor);
  if (text !== undefined) return text.includes("{{") || text.includes("${") ? { kind: "text", template: text } : { kind: "value", value: text };
  const digits = cursor.match(number);
  if (digits !== undefined) return { kind: "value", value: Number(digits) };
  if (cursor.eat("[")) {
    const items: Literal[] = [];
    while (!cursor.eat("]")) {
      if (items.length > 0) cursor.expect(",");
      items.push(parseLiteral(cursor));
    }
    return { kind: "list", items };
  }
  const word = cursor.ident();
  if (word !== undefined && word in keywords) return { kind: "value", value: keywords[word] };
  return cursor.fail('expected a literal (number, "string", true, false, nil, [list] or {{variable}})');
}

export function resolveLiteral(literal: Literal, vars: Variables): unknown {
  switch (literal.kind) {
    case "value":
      return literal.value;
    case "text":
      return interpolateString(literal.template, vars);
    case "variable":
      return vars.get(literal.name);
    case "list":
      return literal.items.map((item) => resolveLiteral(item, vars));
  }
}
