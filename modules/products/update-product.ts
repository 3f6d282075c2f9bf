import { LockMode } from "@mikro-orm/core";
import { toCents } from "../../contracts/money.ts";
import type { UpdateProductBody } from "../../contracts/products/api.ts";
import { ProductUpdated } from "../../contracts/products/events.ts";
import { AppError, type ModuleContext } from "../../runtime/module-api/index.ts";
import { Product } from "./entities.ts";

/** Changes name, description or price under a row lock, so concurrent edits get consecutive versions. */
export function updateProduct(ctx: ModuleContext, id: string, body: UpdateProductBody): Promise<Product> {
  return ctx.db.transaction(async (tx) => {
    const product = await tx.em.findOne(Product, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (product?.status !== "active") throw new AppError("product_not_found", `no product ${id}`);
    const previousPriceCents = product.priceCents;
    if (body.name !== undefined) product.name = body.name;
    if (body.description !== undefined) product.description = body.description;
    if (body.price !== undefined) product.priceCents = toCents(body.price);
    product.version += 1;
    product.updatedAt = new Date();
    tx.publish(ProductUpdated, {
      product_id: id,
      name: product.name,
      description: product.description,
      price_cents: product.priceCents,
      previous_price_cents: previousPriceCents,
      version: product.version,
      updated_at: product.updatedAt.toISOString(),
    });
    return product;
  });
}
