import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { CreateProductBody, ProductList, ProductListQuery, ProductView, UpdateProductBody } from "../../contracts/products/api.ts";
import { AppError, endpoint, type ModuleContext, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { createProduct } from "./create-product.ts";
import { Product } from "./entities.ts";
import { searchCatalogue } from "./search-catalogue.ts";
import { updateProduct } from "./update-product.ts";
import { toProductView } from "./views.ts";

/** The catalogue: anyone reads it, operators write it. */
export function productsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  const operator = requireOperator(ctx);
  app.on("POST", "/products", operator);
  app.on("PATCH", "/products/:id", operator);
  resource(app, "/products", {
    GET: endpoint({
      summary: "List the catalogue",
      description:
        "Newest first, a page at a time: pass a page's `next_cursor` as `cursor` for the next. `inventory` is eventually consistent. " +
        "With `q`, the products whose name or description has every word of it (case-insensitive), one page of at most `limit` (`q` with `cursor` is 400): " +
        'ranked by search (`matched_by: "search"`, eventually consistent with the catalogue), or, while search is unavailable, ' +
        'matched by the catalogue itself, newest first (`matched_by: "catalogue"`).',
      query: ProductListQuery,
      responses: { 200: ProductList },
      handle: async (c, input) => {
        const { limit, cursor, q } = input.query();
        if (q !== undefined) return c.json(await searchCatalogue(ctx, q, limit), 200);
        // Ids are UUIDv7, so id order is creation order and the last id seen is the whole cursor.
        const rows = await ctx.db
          .em()
          .find(Product, { status: "active", ...(cursor ? { id: { $lt: cursor } } : {}) }, { orderBy: { id: "desc" }, limit: limit + 1 });
        const page = rows.slice(0, limit);
        const nextCursor = rows.length > limit ? (page.at(-1)?.id ?? null) : null;
        return c.json({ products: page.map(toProductView), next_cursor: nextCursor }, 200);
      },
    }),
    POST: endpoint({
      summary: "Add a product",
      description:
        "Written pending, its stock received into the warehouse, then added to the catalogue. When the warehouse does not answer in time the answer is 503/504 naming the pending product, which joins the catalogue once the warehouse has counted its stock.",
      body: CreateProductBody,
      responses: { 201: ProductView },
      errors: ["amount_out_of_range", "service_unavailable", "call_timeout"],
      handle: async (c, input) => c.json(toProductView(await createProduct(ctx, await input.body())), 201),
    }),
  });
  resource(app, "/products/:id", {
    GET: endpoint({
      summary: "Read a product",
      params: { id: Id },
      responses: { 200: ProductView },
      errors: ["product_not_found"],
      handle: async (c, input) => {
        const product = await ctx.db.em().findOne(Product, { id: input.param("id"), status: "active" });
        if (!product) throw new AppError("product_not_found", "no such product");
        return c.json(toProductView(product), 200);
      },
    }),
    PATCH: endpoint({
      summary: "Change a product",
      description: "Name, description or price, at least one.",
      params: { id: Id },
      body: UpdateProductBody,
      responses: { 200: ProductView },
      errors: ["product_not_found"],
      handle: async (c, input) => {
        const id = input.param("id");
        return c.json(toProductView(await updateProduct(ctx, id, await input.body())), 200);
      },
    }),
  });
  return app;
}
