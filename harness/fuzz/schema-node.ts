import type { AnySchema } from "../../contracts/define.ts";

/** The bounds a schema's pipe sets, read from its validation actions. */
export interface Bounds {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly integer: boolean;
  readonly patterns: readonly RegExp[];
  readonly email: boolean;
}

/**
 * A request schema reduced to what the generators need. `numeric` is a query parameter: a string the pipe
 * turns into a number (`v.transform(Number)`) and then bounds as one.
 */
export type SchemaNode = { readonly schema: AnySchema } & (
  | { readonly kind: "object"; readonly entries: Readonly<Record<string, SchemaNode>> }
  | { readonly kind: "array"; readonly item: SchemaNode; readonly bounds: Bounds }
  | { readonly kind: "string" | "number" | "numeric"; readonly bounds: Bounds }
  | { readonly kind: "picklist"; readonly options: readonly string[] }
  | { readonly kind: "optional" | "nullable"; readonly inner: SchemaNode }
  | { readonly kind: "boolean" | "unknown" }
);

/** What this reader uses of a valibot schema object. */
interface RawSchema {
  readonly type: string;
  readonly pipe?: readonly RawAction[];
  readonly wrapped?: RawSchema;
  readonly entries?: Readonly<Record<string, RawSchema>>;
  readonly item?: RawSchema;
  readonly options?: readonly unknown[];
}

interface RawAction {
  readonly kind: string;
  readonly type: string;
  readonly requirement?: unknown;
}

/** A piped schema's pipe starts with the schema it extends (itself possibly piped): its actions come first. */
function actionsOf(schema: RawSchema): RawAction[] {
  const [base, ...actions] = schema.pipe ?? [];
  return [...(base && "pipe" in base ? actionsOf(base as unknown as RawSchema) : []), ...actions];
}

function boundsOf(actions: readonly RawAction[]): Bounds {
  const numberOf = (type: string) => {
    const found = actions.findLast((a) => a.type === type)?.requirement;
    return typeof found === "number" ? found : undefined;
  };
  return {
    minLength: numberOf("min_length"),
    maxLength: numberOf("max_length"),
    minValue: numberOf("min_value"),
    maxValue: numberOf("max_value"),
    integer: actions.some((a) => a.type === "integer"),
    patterns: actions.filter((a) => a.type === "regex" && a.requirement instanceof RegExp).map((a) => a.requirement as RegExp),
    email: actions.some((a) => a.type === "email"),
  };
}

/** Reads a valibot schema into a SchemaNode; kinds the fuzzer does not know become "unknown" (anything goes). */
export function nodeOf(schema: AnySchema): SchemaNode {
  const raw = schema as unknown as RawSchema;
  const actions = actionsOf(raw);
  const asSchema = (s: RawSchema) => s as unknown as AnySchema;
  switch (raw.type) {
    case "object":
    case "loose_object":
    case "strict_object":
      return { schema, kind: "object", entries: Object.fromEntries(Object.entries(raw.entries ?? {}).map(([k, s]) => [k, nodeOf(asSchema(s))])) };
    case "array":
      return { schema, kind: "array", item: nodeOf(asSchema(raw.item as RawSchema)), bounds: boundsOf(actions) };
    case "string": {
      const transform = actions.findIndex((a) => a.type === "transform");
      return transform >= 0
        ? { schema, kind: "numeric", bounds: boundsOf(actions.slice(transform)) }
        : { schema, kind: "string", bounds: boundsOf(actions) };
    }
    case "number":
      return { schema, kind: "number", bounds: boundsOf(actions) };
    case "picklist":
      return { schema, kind: "picklist", options: (raw.options ?? []).map(String) };
    case "optional":
    case "exact_optional":
    case "undefinedable":
      return { schema, kind: "optional", inner: nodeOf(asSchema(raw.wrapped as RawSchema)) };
    case "nullable":
      return { schema, kind: "nullable", inner: nodeOf(asSchema(raw.wrapped as RawSchema)) };
    case "boolean":
      return { schema, kind: "boolean" };
    default:
      return { schema, kind: "unknown" };
  }
}
