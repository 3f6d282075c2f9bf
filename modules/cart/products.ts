import { QuoteProducts } from "../../contracts/products/calls.ts";
import { AppError, isAppError, type ModuleContext } from "../../runtime/module-api/index.ts";

const unknown = (productIds: readonly string[]) =>
  new AppError("unknown_product", `unknown products: ${productIds.join(", ")}`, { product_ids: productIds });

/** Asks the catalogue whether these products exist (a call: before any transaction). Unknown → 422 unknown_product. */
export async function requireProducts(ctx: ModuleContext, productIds: string[]): Promise<void> {
  try {
    const { products } = await ctx.call(QuoteProducts, { product_ids: productIds });
    const missing = productIds.filter((id) => !products.some((p) => p.product_id === id));
    if (missing.length > 0) throw unknown(missing);
  } catch (error) {
    if (!isAppError(error, "product_not_found")) throw error;
    const named = (error.details as { product_ids?: unknown } | undefined)?.product_ids;
    throw unknown(Array.isArray(named) ? named.map(String) : productIds);
  }
}
