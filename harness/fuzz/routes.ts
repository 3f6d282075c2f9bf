import type { AnySchema } from "../../contracts/define.ts";
import { type DescribedRoute, templateParams } from "../../runtime/docs/described.ts";
import { API_PREFIX } from "../../runtime/docs/openapi.ts";
import type { Credential } from "../../runtime/http/guard.ts";
import type { Annotation } from "./annotations.ts";

export type Method = DescribedRoute["method"];

/** Who a route is for: anyone, a customer's session, the operator key, or either of the last two. */
export type Audience = "public" | "customer" | "operator" | "either";

/** One public route as the fuzzer sees it: its description, and what annotations.ts adds. */
export interface Route extends Annotation {
  readonly method: Method;
  /** Hono's template, as the app registers it, under the API prefix. */
  readonly path: string;
  /** The module that owns it (whose state a rejected write must leave alone). */
  readonly module: string;
  readonly audience: Audience;
  readonly body?: AnySchema;
  readonly query?: AnySchema;
  /** Needs an Idempotency-Key header. */
  readonly idempotent?: true;
  /** Needs If-Match with the cart's ETag. */
  readonly ifMatch?: true;
}

export const routeKey = (r: { readonly method: string; readonly path: string }): string => `${r.method} ${r.path}`;

/** Which single credential gets a request past every guard in front of the route. */
function audienceOf(route: DescribedRoute): Audience {
  if (route.guards.length === 0) return "public";
  const passes = (credential: Credential) => route.guards.every((accepts) => accepts.includes(credential));
  if (passes("session") && passes("operator")) return "either";
  if (passes("session")) return "customer";
  if (passes("operator")) return "operator";
  throw new Error(`${routeKey(route)}: its guards want a session and the operator key together, which no audience of the fuzzer sends`);
}

const readsHeader = (route: DescribedRoute, name: string): boolean =>
  Object.keys(route.endpoint.headers ?? {}).some((header) => header.toLowerCase() === name);

/** The fuzzer's routes: each described route under the API prefix, with the annotation of its key. */
export function fuzzedRoutes(described: readonly DescribedRoute[], notes: Readonly<Record<string, Annotation>>): Route[] {
  return described.map((route) => {
    const path = `${API_PREFIX}${route.path}`;
    const { body, query, idempotent } = route.endpoint;
    return {
      ...notes[routeKey({ method: route.method, path })],
      method: route.method,
      path,
      module: route.module,
      audience: audienceOf(route),
      body,
      query,
      idempotent,
      ifMatch: readsHeader(route, "if-match") ? true : undefined,
    };
  });
}

/** What the annotations get wrong about `routes`: a key that names no route, a path parameter without a fixture kind or not in the path. */
export function annotationGaps(routes: readonly Route[], notes: Readonly<Record<string, Annotation>>): string[] {
  const keys = new Set(routes.map(routeKey));
  const stale = Object.keys(notes)
    .filter((key) => !keys.has(key))
    .map((key) => `${key} is annotated, but no such route is described`);
  const params = routes.flatMap((route) => {
    const inPath = templateParams(route.path);
    const annotated = Object.keys(route.params ?? {});
    return [
      ...inPath.filter((name) => !annotated.includes(name)).map((name) => `${routeKey(route)}: path parameter ${name} has no fixture kind`),
      ...annotated.filter((name) => !inPath.includes(name)).map((name) => `${routeKey(route)}: annotates ${name}, which is not in its path`),
    ];
  });
  return [...stale, ...params];
}
