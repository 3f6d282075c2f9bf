import { Hono } from "hono";
import { fromCents } from "../../contracts/money.ts";
import { SearchQuery, SearchResults } from "../../contracts/search/api.ts";
import { endpoint, type ModuleContext, resource } from "../../runtime/module-api/index.ts";
import { search } from "./query.ts";

/** Public product search over search's own index: eventually consistent with the catalogue. */
export function searchRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  resource(app, "/search", {
    GET: endpoint({
      summary: "Search the catalogue",
      description: "Over search's own index, fed by product events: eventually consistent with the catalogue.",
      query: SearchQuery,
      responses: { 200: SearchResults },
      handle: async (c, input) => {
        const { q, limit } = input.query();
        const hits = await search(ctx.db.em(), q, limit);
        const results = hits.map((h) => ({ product_id: h.product_id, name: h.name, description: h.description, price: fromCents(h.price_cents) }));
        return c.json({ query: q, count: results.length, results }, 200);
      },
    }),
  });
  return app;
}
