import type { AnySchema } from "../../contracts/define.ts";
import { type Field, type FieldMap, joinPath, ROOT } from "./fields.ts";

/** What this walker reads of a valibot schema object: its `type`, its pipe, and the keys its kind defines. */
interface RawSchema {
  readonly type: string;
  readonly pipe?: readonly RawAction[];
  readonly wrapped?: RawSchema;
  readonly entries?: Readonly<Record<string, RawSchema>>;
  readonly item?: RawSchema;
  readonly items?: readonly RawSchema[];
  readonly value?: RawSchema;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
}

interface RawAction {
  readonly kind: string;
  readonly type: string;
  readonly requirement?: unknown;
}

/** A schema node before flattening: alternatives, modifiers and children keyed by path step. */
interface Shape {
  readonly atoms: readonly string[];
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly checks: readonly string[];
  readonly children: ReadonlyMap<string, Shape>;
}

const none: ReadonlyMap<string, Shape> = new Map();
const leaf = (atoms: readonly string[], checks: readonly string[] = [], children = none): Shape => ({
  atoms,
  optional: false,
  nullable: false,
  checks,
  children,
});

const literalAtom = (value: unknown): string => (typeof value === "bigint" ? `${value}n` : (JSON.stringify(value) ?? String(value)));

function formatCheck(action: RawAction): string {
  const requirement = action.requirement;
  if (requirement === undefined || typeof requirement === "function") return action.type;
  // Built-in formats (iso_timestamp, email…) carry their own long regex: their name says enough.
  if (requirement instanceof RegExp) return action.type === "regex" ? `regex(${requirement})` : action.type;
  return `${action.type}(${typeof requirement === "bigint" ? `${requirement}n` : JSON.stringify(requirement)})`;
}

/** A piped schema keeps its base `type`; its pipe starts with the schema it extends (itself possibly piped). */
function checksOf(schema: RawSchema): string[] {
  const [base, ...actions] = schema.pipe ?? [];
  const inherited = base && "pipe" in base ? checksOf(base as unknown as RawSchema) : [];
  return [...inherited, ...actions.filter((a) => a.kind === "validation").map(formatCheck)];
}

const containerOf = (segment: string): string =>
  segment === "[]" ? "array" : segment === "{}" ? "record" : segment.startsWith("[") ? "tuple" : "object";

/**
 * One shape for several alternatives (a union) or several parts (an intersection). In a union, a child that
 * only some of the alternatives of its container kind have may be absent.
 */
function merge(options: readonly Shape[], union: boolean): Shape {
  const children = new Map<string, Shape>();
  const keys = [...new Set(options.flatMap((o) => [...o.children.keys()]))];
  for (const key of keys) {
    const having = options.filter((o) => o.children.has(key)).map((o) => o.children.get(key) as Shape);
    const containers = options.filter((o) => o.atoms.includes(containerOf(key))).length;
    const merged = merge(having, union);
    children.set(key, union && having.length < containers ? { ...merged, optional: true } : merged);
  }
  const sameChecks = options.every((o) => o.checks.join() === options[0]?.checks.join());
  return {
    atoms: [...new Set(options.flatMap((o) => o.atoms))],
    optional: options.some((o) => o.optional),
    nullable: options.some((o) => o.nullable),
    checks: sameChecks ? (options[0]?.checks ?? []) : [],
    children,
  };
}

/** null and undefined among the alternatives become the nullable and optional marks. */
function normalized(shape: Shape): Shape {
  const atoms = shape.atoms.filter((a) => a !== "null" && a !== "undefined");
  if (atoms.length === 0) return shape;
  return {
    ...shape,
    atoms,
    nullable: shape.nullable || shape.atoms.includes("null"),
    optional: shape.optional || shape.atoms.includes("undefined"),
  };
}

const modifiers: Readonly<Record<string, { optional?: boolean; nullable?: boolean }>> = {
  optional: { optional: true },
  exact_optional: { optional: true },
  undefinedable: { optional: true },
  nullable: { nullable: true },
  nullish: { optional: true, nullable: true },
  non_optional: { optional: false },
  non_nullable: { nullable: false },
  non_nullish: { optional: false, nullable: false },
};

function shapeOf(schema: RawSchema): Shape {
  const checks = checksOf(schema);
  const modifier = modifiers[schema.type];
  if (modifier && schema.wrapped) {
    const inner = shapeOf(schema.wrapped);
    return { ...inner, ...modifier, checks: [...inner.checks, ...checks] };
  }
  const children = (entries: readonly (readonly [string, RawSchema])[]) => new Map(entries.map(([key, child]) => [key, shapeOf(child)]));
  switch (schema.type) {
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
      return leaf(["object"], checks, children(Object.entries(schema.entries ?? {}).map(([k, s]) => [`.${k}`, s])));
    case "array":
      return leaf(["array"], checks, schema.item ? children([["[]", schema.item]]) : none);
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
    case "tuple_with_rest":
      return leaf(["tuple"], checks, children((schema.items ?? []).map((s, i) => [`[${i}]`, s])));
    case "record":
      return leaf(["record"], checks, schema.value ? children([["{}", schema.value]]) : none);
    case "picklist":
    case "enum":
      return leaf((schema.options ?? []).map(literalAtom), checks);
    case "literal":
      return leaf([literalAtom(schema.literal)], checks);
    case "union":
    case "variant":
      return { ...normalized(merge((schema.options as RawSchema[]).map(shapeOf), true)), checks };
    case "intersect":
      return { ...normalized(merge((schema.options as RawSchema[]).map(shapeOf), false)), checks };
    case "void":
      return leaf(["undefined"], checks);
    default:
      return leaf([schema.type], checks);
  }
}

const toField = (shape: Shape): Field => ({
  type: shape.atoms.join(" | "),
  ...(shape.optional ? { optional: true as const } : {}),
  ...(shape.nullable ? { nullable: true as const } : {}),
  ...(shape.checks.length ? { checks: shape.checks } : {}),
});

/** An array's, record's or tuple's plain-object element is implied by its children's entries. */
const implied = (segment: string, shape: Shape): boolean =>
  !segment.startsWith(".") &&
  shape.atoms.length === 1 &&
  shape.atoms[0] === "object" &&
  !shape.optional &&
  !shape.nullable &&
  shape.children.size > 0;

function flatten(shape: Shape, path: string, out: Record<string, Field>): void {
  for (const [segment, child] of shape.children) {
    const childPath = joinPath(path, segment);
    if (!implied(segment, child)) out[childPath] = toField(child);
    flatten(child, childPath, out);
  }
}

/** The flattened field map of a valibot schema: every field path with its type, optional and nullable marks. */
export function fieldsOf(schema: AnySchema): FieldMap {
  const root = shapeOf(schema as unknown as RawSchema);
  const out: Record<string, Field> = {};
  const plainObject = root.atoms.length === 1 && root.atoms[0] === "object" && !root.optional && !root.nullable;
  if (!plainObject) out[ROOT] = toField(root);
  flatten(root, plainObject ? "" : ROOT, out);
  return out;
}
