import { loadConfig } from "../../runtime/config.ts";
import { raw } from "./encode.ts";
import type { Bounds, SchemaNode } from "./schema-node.ts";

/** The body limit a system runs with unless TWOFOLD_BODY_LIMIT_BYTES says otherwise: bodies go just under it and just over it. */
export const BODY_LIMIT_BYTES = loadConfig({}).bodyLimitBytes;

/** Strings that have broken servers before: NUL, lone surrogates, direction overrides, escapes, look-alikes of other types. */
const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "\u202e",
  "\ufeff",
  "é漢🙂",
  "\n\t\r",
  "\\",
  '"',
  "NaN",
  "-0",
  "null",
  "undefined",
  "__proto__",
  "' OR 1=1 --",
  "%00",
  "${1+1}",
];

/** Values of the wrong JSON type for any field. */
const WRONG_TYPES = [null, true, 0, "", [], {}, ["x"]];

/** Numbers that overflow or confuse: int4 and int8 limits, the largest doubles, -0 and values JSON.stringify cannot write. */
const NASTY_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1.5,
  0.001,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  -1e308,
  5e-324,
  raw("-0"),
  raw("1e999"),
  raw("NaN"),
  raw("0x10"),
];

/** A bound, and the values just inside and just past it. */
function around(bounds: Bounds): number[] {
  const step = bounds.integer ? 1 : 0.01;
  const out: number[] = [];
  if (bounds.minValue !== undefined) out.push(bounds.minValue, bounds.minValue - step, bounds.minValue + step);
  if (bounds.maxValue !== undefined) out.push(bounds.maxValue, bounds.maxValue + step, bounds.maxValue - step);
  return out;
}

function lengths(bounds: Bounds): string[] {
  const out: string[] = [];
  if (bounds.minLength !== undefined && bounds.minLength > 0) out.push("x".repeat(bounds.minLength - 1), "x".repeat(bounds.minLength));
  if (bounds.maxLength !== undefined)
    out.push("x".repeat(bounds.maxLength), "x".repeat(bounds.maxLength + 1), "é".repeat(bounds.maxLength), "🙂".repeat(bounds.maxLength));
  return out;
}

/** Huge strings go last in each list: shrinking a constantFrom tries its first values, the small ones. */
const HUGE = ["x".repeat(BODY_LIMIT_BYTES - 200), "x".repeat(BODY_LIMIT_BYTES + 10)];

/** Query parameters are strings: the same edges, spelled as a client would put them in a URL. */
const NASTY_QUERY = [
  "",
  "0",
  "-1",
  "-0",
  "1.5",
  "1e308",
  "NaN",
  "Infinity",
  " 5",
  "0x10",
  "١",
  raw("%00"),
  raw("%"),
  raw("%ZZ"),
  raw("%ED%A0%80"),
  ["1", "2"],
];

/** Edge values for one schema node: at and just past every bound, wrong types, and strings that break things. */
export function edgeValues(node: SchemaNode): unknown[] {
  switch (node.kind) {
    case "string":
      return [...lengths(node.bounds), ...NASTY_STRINGS, ...WRONG_TYPES.filter((w) => w !== ""), 12345, ...HUGE];
    case "number":
      return [...around(node.bounds), ...NASTY_NUMBERS, "1", "", null, true, [], {}];
    case "numeric":
      return [...around(node.bounds).map(String), ...NASTY_QUERY, ...lengths(node.bounds), "x".repeat(5000)];
    case "picklist":
      return [...node.options.map((o) => o.toUpperCase()), ...node.options.map((o) => `${o}\u0000`), "other", ...WRONG_TYPES];
    case "object":
      return [...WRONG_TYPES.filter((w) => !(w && typeof w === "object" && !Array.isArray(w))), "{}", {}];
    case "array":
      return [[], [null], [[]], {}, "x", null, 0];
    case "optional":
      return [undefined, ...edgeValues(node.inner)];
    case "nullable":
      return [null, ...edgeValues(node.inner)];
    case "boolean":
      return ["true", 0, 1, null, []];
    case "unknown":
      return [...WRONG_TYPES, ...NASTY_STRINGS];
  }
}
