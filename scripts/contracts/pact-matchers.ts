import { atomsOf, literalBase } from "./field-types.ts";
import { type Field, type FieldMap, ROOT, segmentsOf } from "./fields.ts";
import type { BodyMatchingRules, PactMatchers } from "./pact-v4.ts";

/** The steps of every path a consumer reads, as a tree. */
interface ReadTree {
  readonly children: Map<string, ReadTree>;
}

function treeOf(reads: FieldMap): ReadTree {
  const root: ReadTree = { children: new Map() };
  for (const path of Object.keys(reads)) {
    let node = root;
    for (const segment of segmentsOf(path)) {
      const next = node.children.get(segment) ?? { children: new Map() };
      node.children.set(segment, next);
      node = next;
    }
  }
  return root;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function project(value: unknown, tree: ReadTree): unknown {
  if (tree.children.size === 0) return value;
  if (Array.isArray(value)) {
    const each = tree.children.get("[]");
    return value.map((item, i) => {
      const child = each ?? tree.children.get(`[${i}]`);
      return child ? project(item, child) : item;
    });
  }
  if (!isObject(value)) return value;
  const values = tree.children.get("{}");
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const child = tree.children.get(`.${key}`) ?? values;
    if (child) out[key] = project(item, child);
  }
  return out;
}

/** An example cut down to the fields the consumer reads: a pact must not pin what nobody relies on. */
export function projectOnto(reads: FieldMap, value: unknown): unknown {
  if (reads[ROOT]) return value;
  // Reading no field at all (v.object({})): only the reply's arrival matters.
  if (Object.keys(reads).length === 0) return isObject(value) ? {} : value;
  return project(value, treeOf(reads));
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `items[].product_id` under `$.payload` → `$.payload.items[*].product_id`. */
function jsonPath(prefix: string, path: string): string {
  return segmentsOf(path).reduce((at, segment) => {
    if (segment === "[]") return `${at}[*]`;
    if (segment === "{}") return `${at}.*`;
    if (segment.startsWith("[")) return `${at}${segment}`;
    const key = segment.slice(1);
    return IDENTIFIER.test(key) ? `${at}.${key}` : `${at}['${key.replace(/'/g, "\\'")}']`;
  }, prefix);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How Pact should match one field read: by type, or by the values it may take; null too when it may be null. */
function matchersOf(field: Field): PactMatchers | undefined {
  const atoms = atomsOf(field.type);
  if (atoms.length === 1 && atoms[0] === "object") return undefined;
  const literals = atoms.every((a) => literalBase(a) !== undefined);
  let matcher: PactMatchers["matchers"][number] | undefined = { match: "type" };
  if (literals && atoms.length === 1) matcher = undefined;
  else if (literals && atoms.every((a) => literalBase(a) === "string")) {
    matcher = { match: "regex", regex: `^(${atoms.map((a) => escapeRegex(JSON.parse(a) as string)).join("|")})$` };
  }
  if (!field.nullable) return matcher ? { combine: "AND", matchers: [matcher] } : undefined;
  return { combine: "OR", matchers: [...(matcher ? [matcher] : []), { match: "null" }] };
}

/** Whether an example has any value at a path (a rule for a field the example lacks would match nothing). */
function present(value: unknown, path: string): boolean {
  let values: unknown[] = [value];
  for (const segment of segmentsOf(path)) {
    values = values.flatMap((v): unknown[] => {
      if (segment === "[]") return Array.isArray(v) ? v : [];
      if (segment === "{}") return isObject(v) ? Object.values(v) : [];
      if (segment.startsWith("[")) return Array.isArray(v) ? [v[Number(segment.slice(1, -1))]] : [];
      return isObject(v) && segment.slice(1) in v ? [v[segment.slice(1)]] : [];
    });
  }
  return values.length > 0;
}

/** Matching rules for the fields a consumer reads, for the example they appear in (under `prefix`). */
export function readRules(reads: FieldMap, example: unknown, prefix: string): BodyMatchingRules {
  const rules: BodyMatchingRules = {};
  for (const [path, field] of Object.entries(reads)) {
    if (path === ROOT || !present(example, path)) continue;
    const matchers = matchersOf(field);
    if (matchers) rules[jsonPath(prefix, path)] = matchers;
  }
  return rules;
}
