import { toCents } from "../../contracts/money.ts";
import type { CreateProductBody } from "../../contracts/products/api.ts";
import { ProductCreated } from "../../contracts/products/events.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { AppError, type BackgroundTask, isAppError, type ModuleContext, newId, type Tx } from "../../runtime/module-api/index.ts";
import { Product } from "./entities.ts";
import type { productsSettings } from "./settings.ts";

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

/** Failures after which the warehouse may still have counted the receipt: the product stays pending for the sweep. */
const UNCERTAIN = ["call_timeout", "service_unavailable"];

/**
 * A new product is written first, pending and outside the catalogue, with the stock it should start with;
 * then the warehouse counts that stock (the receipt id is the product id, so a repeated receipt counts once);
 * then the product becomes active and `product.created` is published. So stock never exists for a product
 * that does not: a failed write receives nothing, and a receipt that timed out belongs to a pending product
 * that `completePendingProducts` finishes once the warehouse answers. The caller then hears the timeout.
 */
export async function createProduct(ctx: ModuleContext, body: CreateProductBody): Promise<Product> {
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction(async ({ em }) =>
    em.create(Product, {
      id,
      name: body.name,
      description: body.description,
      priceCents: toCents(body.price),
      inventory: body.inventory,
      stockVersion: 0,
      version: 1,
      status: "pending",
      createdAt: now,
      updatedAt: now,
    }),
  );
  try {
    return await receiveAndActivate(ctx, id);
  } catch (error) {
    if (isAppError(error) && UNCERTAIN.includes(error.code)) {
      ctx.kick(completePendingProducts.name);
      throw new AppError(error.code, `${error.message}; product ${id} is kept pending and joins the catalogue once the warehouse has its stock`, {
        product_id: id,
      });
    }
    await ctx.db.em().nativeDelete(Product, { id, status: "pending" });
    throw error;
  }
}

/** Counts a pending product's stock in the warehouse and activates it; a product already active is answered as it is. */
async function receiveAndActivate(ctx: ModuleContext, id: string): Promise<Product> {
  const pending = await ctx.db.em().findOneOrFail(Product, { id });
  if (pending.status === "active") return pending;
  const stock = await ctx.call(ReceiveStock, { receipt_id: id, product_id: id, quantity: pending.inventory });
  return ctx.db.transaction(async (tx) => {
    const product = await tx.em.findOneOrFail(Product, { id });
    // Two activations (the request and the sweep) may race: the conditional update lets exactly one announce.
    const activated = await tx.em.nativeUpdate(
      Product,
      { id, status: "pending" },
      { status: "active", inventory: stock.available, stockVersion: stock.version },
    );
    if (activated === 1) {
      Object.assign(product, { status: "active", inventory: stock.available, stockVersion: stock.version });
      announceProduct(tx, product);
    }
    return product;
  });
}

/**
 * Finishes the products whose stock receipt went unanswered: the receipt is idempotent, so asking again is safe.
 * Only products pending for longer than a call may take: a younger one is still being created by its request,
 * and finishing it here would announce it in the sweep's conversation instead of the request's.
 */
export const completePendingProducts: BackgroundTask<typeof productsSettings> = {
  name: "complete-pending-products",
  every: (settings) => settings.PRODUCT_SWEEP_MS,
  due: (ctx) => ctx.db.em().count(Product, { status: "pending" }),
  async run(ctx) {
    const abandoned = { status: "pending", createdAt: { $lte: new Date(ctx.clock.now().getTime() - ctx.callTimeoutMs) } } as const;
    for (const { id } of await ctx.db.em().find(Product, abandoned, { fields: ["id"], limit: 50 })) {
      await receiveAndActivate(ctx, id).catch(() => {});
    }
  },
};
