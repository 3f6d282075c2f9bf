import type { Context } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { describeModules } from "../docs/described.ts";
import { API_PREFIX } from "../docs/openapi.ts";
import type { ModuleDefinition } from "../module.ts";

/**
 * The route a request is counted under: the template of the described public route it matches
 * (`/api/v1/orders/:id`, never the path with its ids), the same in every topology — the gateway, which only
 * proxies `/api/v1/:resource/*`, counts under the template the service will answer on. Anything else is
 * counted under the route Hono matched (`/docs`, `/internal/calls/:module`, `/*` for no route at all), so the
 * label's values are bounded by the code, not by what clients send.
 */
export function routeLabel(modules: readonly ModuleDefinition[]): (c: Context) => string {
  let templates: TrieRouter<string> | undefined;
  const build = (): TrieRouter<string> => {
    const router = new TrieRouter<string>();
    // Under any method: a 405 is counted under the route it missed, as the process that answers it routes it.
    for (const route of describeModules(modules).routes) router.add("ALL", `${API_PREFIX}${route.path}`, `${API_PREFIX}${route.path}`);
    return router;
  };
  return (c) => {
    const { path, method } = c.req;
    if (!path.startsWith(`${API_PREFIX}/`)) return c.req.routePath;
    templates ??= build();
    return templates.match(method, path)[0][0]?.[0] ?? c.req.routePath;
  };
}
