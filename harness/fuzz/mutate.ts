import fc from "fast-check";
import { plainFirst } from "./choose.ts";
import type { SchemaNode } from "./schema-node.ts";
import { type Hints, validArbitrary } from "./valid.ts";

/** Keys a client may smuggle in: prototype pollution attempts, names of Object.prototype members, an empty key. */
const SMUGGLED_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "extra", ""];
const SMUGGLED_VALUES: readonly unknown[] = [{ polluted: true }, { prototype: { polluted: true } }, null, "x", 1];

/** What to do to a generated object: nothing, drop one of its keys, or add one. */
type Twist =
  | { readonly kind: "none" }
  | { readonly kind: "drop"; readonly index: number }
  | { readonly kind: "add"; readonly key: string; readonly value: unknown };

const twists = plainFirst<Twist>(
  { weight: 6, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.nat(20).map((index) => ({ kind: "drop" as const, index })) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("add" as const), key: fc.constantFrom(...SMUGGLED_KEYS), value: fc.constantFrom(...SMUGGLED_VALUES) }),
  },
);

/** defineProperty, not assignment: `copy.__proto__ = x` would set the prototype instead of adding a key. */
const define = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

function twisted(value: Record<string, unknown>, twist: Twist): Record<string, unknown> {
  if (twist.kind === "none") return value;
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(value);
  const dropped = twist.kind === "drop" ? keys[twist.index % keys.length] : undefined;
  for (const key of keys) if (key !== dropped) define(copy, key, value[key]);
  if (twist.kind === "add") define(copy, twist.key, twist.value);
  return copy;
}

/** The shape of the value with every child free to go to its edges. */
function structural(node: SchemaNode, hints: Hints, edges: (node: SchemaNode) => unknown[]): fc.Arbitrary<unknown> {
  const child = (n: SchemaNode) => edgyArbitrary(n, hints, edges);
  switch (node.kind) {
    case "object": {
      const entries = Object.entries(node.entries);
      const record = Object.fromEntries(entries.map(([key, c]) => [key, child(c.kind === "optional" ? c.inner : c)]));
      const requiredKeys = entries.filter(([, c]) => c.kind !== "optional").map(([key]) => key);
      return fc.tuple(fc.record(record, { requiredKeys }), twists).map(([value, twist]) => twisted(value, twist));
    }
    case "array": {
      const min = node.bounds.minLength ?? 0;
      const max = node.bounds.maxLength;
      const near = fc.array(child(node.item), { minLength: min, maxLength: Math.min(max ?? min + 3, min + 3) });
      if (max === undefined || max > 200) return near;
      const tooMany = fc.array(validArbitrary(node.item, hints), { minLength: max + 1, maxLength: max + 1 });
      const exactlyMax = fc.array(validArbitrary(node.item, hints), { minLength: max, maxLength: max });
      return plainFirst({ weight: 8, arbitrary: near }, { weight: 1, arbitrary: exactlyMax }, { weight: 1, arbitrary: tooMany });
    }
    case "optional":
    case "nullable":
      return child(node.inner);
    default:
      return validArbitrary(node, hints);
  }
}

/**
 * Values near and past the edges of a schema: at every node, most of the time a value of the right shape
 * (whose own children may go to their edges), sometimes one of the node's edge values. Shrinking walks back
 * toward the valid shape, so a failure shrinks to the one field that matters.
 */
export function edgyArbitrary(node: SchemaNode, hints: Hints, edges: (node: SchemaNode) => unknown[]): fc.Arbitrary<unknown> {
  return plainFirst({ weight: 5, arbitrary: structural(node, hints, edges) }, { weight: 1, arbitrary: fc.constantFrom(...edges(node)) });
}
