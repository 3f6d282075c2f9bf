import type { EntityManager } from "@mikro-orm/postgresql";
import type { ProductList } from "../../contracts/products/api.ts";
import { FindProducts } from "../../contracts/search/calls.ts";
import { everyWordIn, type ModuleContext } from "../../runtime/module-api/index.ts";
import { Product } from "./entities.ts";
import { toProductView } from "./views.ts";

/** The catalogue's own match, for when search cannot answer: every word in the name or description, newest first. */
async function matchedHere(em: EntityManager, q: string, limit: number): Promise<string[]> {
  const everyWord = everyWordIn(["name", "description"], q);
  const rows = await em.execute<{ id: string }[]>(
    `select id from "products"."products" where status = 'active' and ${everyWord.sql} order by id desc limit ?`,
    [...everyWord.params, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * The products with every word of `q`, as search ranks them, shown from the catalogue's own rows (ids search
 * knows but the catalogue does not list are skipped). While search is unavailable, the catalogue matches
 * the words itself: a plainer ranking, but an answer.
 */
export async function searchCatalogue(ctx: ModuleContext, q: string, limit: number): Promise<ProductList> {
  let matchedBy: "search" | "catalogue" = "search";
  const { product_ids: ids } = await ctx.call(
    FindProducts,
    { q, limit },
    {
      fallback: async () => {
        matchedBy = "catalogue";
        return { product_ids: await matchedHere(ctx.db.em(), q, limit) };
      },
    },
  );
  const rows = ids.length === 0 ? [] : await ctx.db.em().find(Product, { id: { $in: ids }, status: "active" });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const products = ids.flatMap((id) => byId.get(id) ?? []);
  return { products: products.map(toProductView), next_cursor: null, matched_by: matchedBy };
}
