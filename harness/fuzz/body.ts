import fc from "fast-check";
import { plainFirst } from "./choose.ts";
import { BODY_LIMIT_BYTES, edgeValues } from "./edges.ts";
import { toJson } from "./encode.ts";
import { edgyArbitrary } from "./mutate.ts";
import type { Route } from "./routes.ts";
import { nodeOf } from "./schema-node.ts";
import { type Hints, validArbitrary } from "./valid.ts";

/** A request body: UTF-8 text, or (`bytes`) one byte per character, for bodies that are not UTF-8 at all. */
export interface BodyText {
  readonly text: string;
  readonly bytes?: true;
}

/** Bodies that are not JSON, or barely: empty, cut short, trailing commas, a BOM, deep nesting, just over the limit. */
const MALFORMED = [
  "",
  " ",
  "{",
  '{"',
  "{}}",
  '{"a":1,}',
  "{'a':1}",
  "null",
  "[]",
  '"x"',
  "0",
  "\u0000",
  "\ufeff{}",
  `${"[".repeat(5000)}${"]".repeat(5000)}`,
  "[".repeat(100_000),
  `{"x":"${"a".repeat(BODY_LIMIT_BYTES)}"}`,
];

/** Byte sequences that are not UTF-8: a stray continuation byte, an encoded lone surrogate, a cut multi-byte character. */
const NOT_UTF8 = ["\xff\xfe", '{"name":"\xed\xa0\x80"}', '{"name":"\xc3"}', '{"email":"\x80@example.com"}'];

const text = (value: unknown): BodyText => ({ text: toJson(value) });

/** A body for the route: valid, pushed to its edges, malformed, or not UTF-8; routes that read none mostly get none. */
export function bodyArbitrary(route: Route, hints: Hints): fc.Arbitrary<BodyText | undefined> {
  const malformed = fc.constantFrom(...MALFORMED).map((t): BodyText => ({ text: t }));
  const notUtf8 = fc.constantFrom(...NOT_UTF8).map((t): BodyText => ({ text: t, bytes: true }));
  if (!route.body) {
    return plainFirst(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: malformed },
      { weight: 1, arbitrary: fc.jsonValue().map(text) },
    );
  }
  const node = nodeOf(route.body);
  return plainFirst(
    { weight: 3, arbitrary: validArbitrary(node, hints).map(text) },
    { weight: 6, arbitrary: edgyArbitrary(node, hints, edgeValues).map(text) },
    { weight: 1, arbitrary: malformed },
    { weight: 1, arbitrary: notUtf8 },
  );
}
