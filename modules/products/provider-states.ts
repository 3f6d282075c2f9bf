import type { EntityManager } from "@mikro-orm/postgresql";
import { fromCents } from "../../contracts/money.ts";
import { AppError, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { announceProduct } from "./create-product.ts";
import { Product } from "./entities.ts";
import { updateProduct } from "./update-product.ts";

interface Listed {
  readonly product_id: string;
  readonly price_cents: number;
  readonly stock?: number;
  readonly name?: string;
}

const listed = (params: Readonly<Record<string, unknown>>): Listed => params as unknown as Listed;

/** A contract's product, written once under the given id; its stock is what the warehouse would have told. */
async function ensureProduct(em: EntityManager, product: Listed): Promise<Product> {
  const now = new Date();
  await em.execute(
    `insert into "products"."products" (id, name, description, price_cents, inventory, stock_version, version, created_at, updated_at)
     values (?, ?, 'Listed for contract verification.', ?, ?, 0, 1, ?, ?) on conflict do nothing`,
    [product.product_id, product.name ?? `Contract product ${product.product_id}`, product.price_cents, product.stock ?? 0, now, now],
  );
  return em.findOneOrFail(Product, { id: product.product_id });
}

/** The states the consumers of products.quote and the product events name. */
export const productsProviderStates: Record<string, ProviderStateHandler> = {
  "product is in the catalogue": async (ctx, params) => {
    await ctx.db.transaction(({ em }) => ensureProduct(em, listed(params)));
  },

  "no such product": async (ctx, params) => {
    const product = await ctx.db.em().findOne(Product, { id: String(params.product_id) });
    if (product) throw new AppError("precondition_failed", `product ${product.id} exists`);
  },

  "product has just been created": (ctx, params) => ctx.db.transaction(async (tx) => announceProduct(tx, await ensureProduct(tx.em, listed(params)))),

  /** Through the operator's own edit (which publishes product.updated every time) to `price_cents`, from a dollar more. */
  "product's price has just changed": async (ctx, params) => {
    const product = listed(params);
    await ctx.db.transaction(({ em }) => ensureProduct(em, { ...product, price_cents: product.price_cents + 100 }));
    await updateProduct(ctx, product.product_id, { price: fromCents(product.price_cents) });
  },
};
