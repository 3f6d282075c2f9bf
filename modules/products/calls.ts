import { QuoteProducts } from "../../contracts/products/calls.ts";
import { AppError, answer } from "../../runtime/module-api/index.ts";
import { Product } from "./entities.ts";

/** Price and catalogue stock of each product asked for, in the order asked; all must exist. */
export const quoteProducts = answer(QuoteProducts, async ({ product_ids }, ctx) => {
  const found = new Map((await ctx.db.em().find(Product, { id: { $in: product_ids }, status: "active" })).map((p) => [p.id, p]));
  const missing = [...new Set(product_ids.filter((id) => !found.has(id)))];
  if (missing.length > 0) throw new AppError("product_not_found", `unknown products: ${missing.join(", ")}`, { product_ids: missing });
  return {
    products: product_ids.map((id) => {
      const p = found.get(id) as Product;
      return { product_id: p.id, name: p.name, unit_price_cents: p.priceCents, inventory: p.inventory };
    }),
  };
});
