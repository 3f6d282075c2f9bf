import { toCents } from "../../contracts/money.ts";
import type { CreateProductBody } from "../../contracts/products/api.ts";
import { ProductCreated } from "../../contracts/products/events.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { newId } from "../../runtime/bus/context.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import type { Tx } from "../../runtime/persistence/module-db.ts";
import { Product } from "./entities.ts";

/** Publishes product.created for a product just written (in the caller's transaction). */
export const announceProduct = (tx: Tx, product: Product): void => {
  tx.publish(ProductCreated, {
    product_id: product.id,
    name: product.name,
    description: product.description,
    price_cents: product.priceCents,
    inventory: product.inventory,
    version: product.version,
    created_at: product.createdAt.toISOString(),
  });
};

/**
 * The stock is booked into the warehouse first, so it exists the moment the product does; if the warehouse
 * cannot be reached nothing is created. The receipt id is the product id, so a retried receipt counts once.
 */
export async function createProduct(ctx: ModuleContext, body: CreateProductBody): Promise<Product> {
  const id = newId();
  const stock = await ctx.call(ReceiveStock, { receipt_id: id, product_id: id, quantity: body.inventory });
  return ctx.db.transaction(async (tx) => {
    const now = new Date();
    const product = tx.em.create(Product, {
      id,
      name: body.name,
      description: body.description,
      priceCents: toCents(body.price),
      inventory: stock.available,
      stockVersion: stock.version,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    announceProduct(tx, product);
    return product;
  });
}
