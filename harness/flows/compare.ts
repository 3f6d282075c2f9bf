/** Comparison operators, longest first so scanning `>=` never stops at `>`. */
export const operators = ["==", "!=", ">=", "<=", ">", "<", "contains", "in"] as const;
export type Operator = (typeof operators)[number];

const isNil = (value: unknown) => value === null || value === undefined;

/** Structural equality; `nil` matches both null and a missing value. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a as object);
    return (
      keys.length === Object.keys(b as object).length &&
      keys.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    );
  }
  return a === b;
}

const ordered = (a: unknown, b: unknown): a is number | string =>
  (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");

/** Whether `actual <op> expected` holds; ordering needs two numbers or two strings. */
export function holds(op: Operator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case "==":
      return deepEqual(actual, expected);
    case "!=":
      return !deepEqual(actual, expected);
    case ">":
      return ordered(actual, expected) && actual > (expected as typeof actual);
    case ">=":
      return ordered(actual, expected) && actual >= (expected as typeof actual);
    case "<":
      return ordered(actual, expected) && actual < (expected as typeof actual);
    case "<=":
      return ordered(actual, expected) && actual <= (expected as typeof actual);
    case "contains":
      if (typeof actual === "string") return typeof expected === "string" && actual.includes(expected);
      return Array.isArray(actual) && actual.some((item) => deepEqual(item, expected));
    case "in":
      return Array.isArray(expected) && expected.some((item) => deepEqual(actual, item));
  }
}
