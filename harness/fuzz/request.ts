import fc from "fast-check";
import { ROUTE_METHODS } from "../../runtime/docs/described.ts";
import { type BodyText, bodyArbitrary } from "./body.ts";
import { plainFirst } from "./choose.ts";
import { headersArbitrary } from "./headers.ts";
import type { Part } from "./part.ts";
import { pathArbitrary } from "./path.ts";
import { queryArbitrary } from "./query.ts";
import { type Method, type Route, routeKey } from "./routes.ts";
import type { Hints } from "./valid.ts";
import type { Fixtures } from "./world.ts";

/** One generated request: plain data, so fast-check can shrink and print it; refs are resolved when it is sent. */
export interface FuzzRequest {
  /** The table's route (its key) this request was made for, even when the method is a wrong one. */
  readonly route: string;
  readonly method: Method;
  /** Path pieces, already percent-encoded where they should be. */
  readonly path: readonly Part[];
  /** "" or "?...", already encoded. */
  readonly query: string;
  readonly headers: readonly (readonly [string, Part])[];
  readonly body?: BodyText;
}

/** Usually the route's own method; sometimes another, which must be a 405 in the envelope. */
const methodFor = (route: Route) =>
  plainFirst(
    { weight: 19, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom(...ROUTE_METHODS.filter((m) => m !== route.method)) },
  );

function forRoute(route: Route, hints: Hints, fixtures: Fixtures): fc.Arbitrary<FuzzRequest> {
  return methodFor(route).chain((method) =>
    fc.record({
      route: fc.constant(routeKey(route)),
      method: fc.constant(method),
      path: pathArbitrary(route, hints, fixtures),
      query: queryArbitrary(route, hints),
      headers: headersArbitrary(route, method),
      // fetch sends no body with a GET.
      body: method === "GET" ? fc.constant(undefined) : bodyArbitrary(route, hints),
    }),
  );
}

/** Requests to any of `routes`, each route equally likely, with their parameters, headers and bodies fuzzed. */
export function requestArbitrary(routes: readonly Route[], hints: Hints, fixtures: Fixtures): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...routes.map((route) => forRoute(route, hints, fixtures)));
}
