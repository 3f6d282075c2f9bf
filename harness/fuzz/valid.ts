import fc from "fast-check";
import * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import { plainFirst } from "./choose.ts";
import type { Bounds, SchemaNode } from "./schema-node.ts";

/**
 * Values to use for particular schemas, found by identity: the fixtures' ids for `Id`, the payment tokens
 * the fake provider knows. Whatever a hint yields is still filtered through the schema.
 */
export type Hints = ReadonlyMap<AnySchema, fc.Arbitrary<unknown>>;

/** Generated strings stay short unless a bound asks for more; the edges try the bounds themselves. */
const SPAN = 30;

const EMAILS = ["ada@example.com", "a.b+c@example.co.uk", "x_y-z@sub.example.org"];

function stringOf(bounds: Bounds): fc.Arbitrary<string> {
  const [pattern] = bounds.patterns;
  if (pattern) return fc.stringMatching(pattern);
  if (bounds.email) return plainFirst(fc.constantFrom(...EMAILS), fc.emailAddress());
  const minLength = bounds.minLength ?? 0;
  const maxLength = Math.min(bounds.maxLength ?? minLength + SPAN, minLength + SPAN);
  return plainFirst(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: "grapheme" }) },
  );
}

/** Integers, two-decimal amounts and any double within the bounds: money, counts and ratings all fit one of them. */
function numberOf(bounds: Bounds): fc.Arbitrary<number> {
  const min = bounds.minValue ?? -1_000_000;
  const max = bounds.maxValue ?? 1_000_000;
  const integers = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  if (bounds.integer) return integers;
  const cents = fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((c) => c / 100);
  return plainFirst(integers, cents, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** Values of the schema's shape and bounds, not yet checked against it (checks, formats and transforms may still refuse some). */
export function shapedArbitrary(node: SchemaNode, hints: Hints = new Map()): fc.Arbitrary<unknown> {
  const hinted = hints.get(node.schema);
  if (hinted) return hinted;
  switch (node.kind) {
    case "object": {
      const entries = Object.entries(node.entries);
      const record = Object.fromEntries(
        entries.map(([key, child]) => [key, shapedArbitrary(child.kind === "optional" ? child.inner : child, hints)]),
      );
      const requiredKeys = entries.filter(([, child]) => child.kind !== "optional").map(([key]) => key);
      return fc.record(record, { requiredKeys });
    }
    case "array": {
      const minLength = node.bounds.minLength ?? 0;
      return fc.array(shapedArbitrary(node.item, hints), { minLength, maxLength: Math.min(node.bounds.maxLength ?? minLength + 3, minLength + 3) });
    }
    case "string":
      return stringOf(node.bounds);
    case "number":
      return numberOf(node.bounds);
    case "numeric":
      return numberOf(node.bounds).map(String);
    case "picklist":
      return fc.constantFrom(...node.options);
    case "optional":
      return fc.option(shapedArbitrary(node.inner, hints), { nil: undefined });
    case "nullable":
      return fc.option(shapedArbitrary(node.inner, hints), { nil: null });
    case "boolean":
      return fc.boolean();
    case "unknown":
      return fc.jsonValue();
  }
}

/** Values the schema accepts: generated from its shape and bounds, then checked against the schema itself. */
export function validArbitrary(node: SchemaNode, hints: Hints = new Map()): fc.Arbitrary<unknown> {
  return shapedArbitrary(node, hints).filter((value) => v.is(node.schema, value));
}
