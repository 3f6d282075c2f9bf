import fc from "fast-check";
import { plainFirst } from "./choose.ts";
import { edgeValues } from "./edges.ts";
import { toQuery } from "./encode.ts";
import { edgyArbitrary } from "./mutate.ts";
import type { Route } from "./routes.ts";
import { nodeOf, type SchemaNode } from "./schema-node.ts";
import { type Hints, validArbitrary } from "./valid.ts";

/** Query strings that are malformed as a whole: stray escapes, empty names and values, thousands of parameters. */
const ODD_QUERIES = ["?", "?&&", "?=x", "?%", "?a=%ZZ", "?a=%00", "?limit", `?${"a=1&".repeat(1000)}`];

/** A URL is no place for the body-sized edges: a megabyte of query is the HTTP server's business, not the app's. */
const queryEdges = (node: SchemaNode) => edgeValues(node).filter((value) => !(typeof value === "string" && value.length > 8192));

/** A query without the parameters the route refuses together: of each exclusive group, the first one present stays. */
export function withoutExclusive<T extends Record<string, unknown>>(query: T, groups: readonly (readonly string[])[] = []): T {
  const kept: Record<string, unknown> = { ...query };
  for (const group of groups) {
    const present = group.filter((name) => kept[name] !== undefined);
    for (const name of present.slice(1)) delete kept[name];
  }
  return kept as T;
}

/** The route's query: valid, pushed to its edges (repeated parameters included), or malformed; junk for routes that read none. */
export function queryArbitrary(route: Route, hints: Hints): fc.Arbitrary<string> {
  const odd = fc.constantFrom(...ODD_QUERIES);
  if (!route.query) return plainFirst({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: odd });
  const node = nodeOf(route.query);
  return plainFirst(
    { weight: 3, arbitrary: validArbitrary(node, hints).map((q) => toQuery(withoutExclusive(q as Record<string, unknown>, route.exclusive))) },
    { weight: 6, arbitrary: edgyArbitrary(node, hints, queryEdges).map(toQuery) },
    { weight: 1, arbitrary: odd },
  );
}
