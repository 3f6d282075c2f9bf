import { QuoteProducts } from "../../contracts/products/calls.ts";
import { AppError } from "../../runtime/errors.ts";
import { answer } from "../../runtime/module.ts";
import { Product } from "./entities.ts";

export const quoteProducts = answer(QuoteProducts, async ({ product_ids }, ctx) => {
  const products = await ctx.db.em().find(Product, { id: { $in: product_ids } });
  const missing = product_ids.filter((id) => !products.some((p) => p.id === id));
  if (missing.length > 0) throw new AppError("product_not_found", `unknown products: ${missing.join(", ")}`, { product_ids: missing });
  return {
    products: products.map((p) => ({ product_id: p.id, name: p.name, unit_price_cents: p.priceCents, inventory: p.inventory })),
  };
});
