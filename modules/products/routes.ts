import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { CreateProductBody, ProductListQuery, UpdateProductBody } from "../../contracts/products/api.ts";
import { AppError, type ModuleContext, readBody, readParam, readQuery, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { createProduct } from "./create-product.ts";
import { Product } from "./entities.ts";
import { updateProduct } from "./update-product.ts";
import { toProductView } from "./views.ts";

/** The catalogue: anyone reads it, operators write it. */
export function productsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  const operator = requireOperator(ctx);
  app.on("POST", "/products", operator);
  app.on("PATCH", "/products/:id", operator);
  resource(app, "/products", {
    GET: async (c) => {
      const { limit, cursor } = readQuery(c, ProductListQuery);
      // Ids are UUIDv7, so id order is creation order and the last id seen is the whole cursor.
      const rows = await ctx.db.em().find(Product, { status: "active", ...(cursor ? { id: { $lt: cursor } } : {}) }, { orderBy: { id: "desc" }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? (page.at(-1)?.id ?? null) : null;
      return c.json({ products: page.map(toProductView), next_cursor: nextCursor }, 200);
    },
    POST: async (c) => c.json(toProductView(await createProduct(ctx, await readBody(c, CreateProductBody))), 201),
  });
  resource(app, "/products/:id", {
    GET: async (c) => {
      const product = await ctx.db.em().findOne(Product, { id: readParam(c, "id", Id), status: "active" });
      if (!product) throw new AppError("product_not_found", "no such product");
      return c.json(toProductView(product), 200);
    },
    PATCH: async (c) => {
      const id = readParam(c, "id", Id);
      return c.json(toProductView(await updateProduct(ctx, id, await readBody(c, UpdateProductBody))), 200);
    },
  });
  return app;
}
