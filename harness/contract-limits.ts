import type { AnySchema } from "../contracts/define.ts";

interface Action {
  readonly kind: string;
  readonly type: string;
  readonly requirement?: unknown;
}

/** Every requirement of one kind of check in a schema's pipe, its base's first (a pipe starts with the schema it extends). */
function requirementsOf(schema: unknown, type: string): number[] {
  const [base, ...actions] = (schema as { readonly pipe?: readonly Action[] }).pipe ?? [];
  const inherited = base && "pipe" in base ? requirementsOf(base, type) : [];
  return [...inherited, ...actions.filter((a) => a.kind === "validation" && a.type === type).map((a) => Number(a.requirement))];
}

const tightest = (schema: AnySchema, type: string, pick: (...values: number[]) => number): number => {
  const values = requirementsOf(schema, type);
  if (values.length === 0) throw new Error(`the schema has no ${type} check`);
  return pick(...values);
};

/** The largest number a contract's schema accepts, read from its `max_value` checks: tests write exactly that. */
export const maximumOf = (schema: AnySchema): number => tightest(schema, "max_value", Math.min);

/** The most items a contract's array schema accepts, read from its `max_length` checks. */
export const maxLengthOf = (schema: AnySchema): number => tightest(schema, "max_length", Math.min);
