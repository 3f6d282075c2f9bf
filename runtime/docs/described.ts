import type { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { type Endpoint, endpointOf } from "../http/endpoint.ts";
import { type Credential, guardOf } from "../http/guard.ts";
import type { ModuleContext, ModuleDefinition } from "../module.ts";
import { parseSettings, type SettingsDeclaration } from "../settings.ts";

/** The methods a public route may have (resource's); the 405 catch-alls and path middleware are registered as ALL. */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];

/** One method of one public route, with its description and the guards in front of it. */
export interface DescribedRoute {
  readonly module: string;
  readonly method: RouteMethod;
  /** Hono's template, relative to /api/v1 (`/orders/:id`). */
  readonly path: string;
  readonly endpoint: Endpoint;
  /** Every guard that runs before it, each admitting any one of its credentials; all of them must admit. */
  readonly guards: readonly (readonly Credential[])[];
}

/** The routes of some modules, and what about them could not be described (the docs test holds it empty). */
export interface DescribedModules {
  readonly routes: readonly DescribedRoute[];
  readonly gaps: readonly string[];
}

/**
 * The context a module's routes are built with to be described, without booting anything: its settings at
 * their defaults (a route's setup may read them, as the users module's rate limits do), and everything else
 * refused, since a route may use the database, calls and limits only while it handles a request.
 */
function describingContext(module: ModuleDefinition): ModuleContext<SettingsDeclaration> {
  const known: Record<string, unknown> = { name: module.name, settings: parseSettings(module.settings ?? {}, {}).values };
  return new Proxy(known, {
    get(target, key) {
      if (typeof key === "string" && key in target) return target[key];
      throw new Error(
        `${module.name}: its routes read ctx.${String(key)} while being built; a route may use its context only while handling a request`,
      );
    },
  }) as unknown as ModuleContext<SettingsDeclaration>;
}

const isRouteMethod = (method: string): method is RouteMethod => (ROUTE_METHODS as readonly string[]).includes(method);

/** A concrete path the template matches, so the guards registered on wildcards and templates can be matched against it. */
const samplePath = (template: string): string => template.replace(/:\w+(\{[^}]*\})?/g, "x");

/** The path parameters of a template, in order. */
export const templateParams = (template: string): string[] => [...template.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

/** The described routes of one module's app; every method registered without a description is a gap. */
function describeApp(module: string, app: Hono): DescribedModules {
  const guards = new TrieRouter<readonly Credential[]>();
  for (const route of app.routes) {
    const accepts = guardOf(route.handler);
    if (accepts) guards.add(route.method, route.path, accepts);
  }
  const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
  const routes: DescribedRoute[] = [];
  const gaps: string[] = [];
  for (const route of app.routes) {
    const endpoint = endpointOf(route.handler);
    if (!endpoint || !isRouteMethod(route.method)) continue;
    const { method, path } = route;
    for (const name of templateParams(path))
      if (!endpoint.params?.[name]) gaps.push(`${module}: ${key(route)} does not declare its path parameter ${name}`);
    const matched = guards.match(method, samplePath(path))[0].map(([accepts]) => accepts);
    routes.push({ module, method, path, endpoint, guards: matched });
  }
  const described = new Set(routes.map(key));
  for (const undescribed of new Set(app.routes.filter((r) => isRouteMethod(r.method) && !described.has(key(r))).map(key))) {
    gaps.push(`${module}: ${undescribed} has no description (register it with resource(app, path, { METHOD: endpoint({...}) }))`);
  }
  return { routes, gaps };
}

/** The public routes of the given modules, each built with a describing context. */
export function describeModules(modules: readonly ModuleDefinition[]): DescribedModules {
  const described = modules.map((m) => describeApp(m.name, m.routes(describingContext(m))));
  return { routes: described.flatMap((d) => d.routes), gaps: described.flatMap((d) => d.gaps) };
}
