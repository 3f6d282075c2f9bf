import { Hono } from "hono";
import { toCents } from "../../contracts/money.ts";
import { CreateProductBody } from "../../contracts/products/api.ts";
import { ProductCreated } from "../../contracts/products/events.ts";
import { newId } from "../../runtime/bus/context.ts";
import { AppError } from "../../runtime/errors.ts";
import { readBody } from "../../runtime/http/body.ts";
import { resource } from "../../runtime/http/resource.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { Product } from "./entities.ts";
import { toProductView } from "./views.ts";

export function productsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  resource(app, "/products", {
    POST: async (c) => {
      const body = await readBody(c, CreateProductBody);
      const product = await ctx.db.transaction(async (tx) => {
        const created = tx.em.create(Product, {
          id: newId(),
          name: body.name,
          description: body.description,
          priceCents: toCents(body.price),
          inventory: body.inventory,
          createdAt: new Date(),
        });
        tx.publish(ProductCreated, {
          product_id: created.id,
          name: created.name,
          description: created.description,
          price_cents: created.priceCents,
          inventory: created.inventory,
          created_at: created.createdAt.toISOString(),
        });
        return created;
      });
      return c.json(toProductView(product), 201);
    },
  });
  resource(app, "/products/:id", {
    GET: async (c) => {
      const product = await ctx.db.em().findOne(Product, { id: c.req.param("id") });
      if (!product) throw new AppError("product_not_found", "no such product");
      return c.json(toProductView(product), 200);
    },
  });
  return app;
}
