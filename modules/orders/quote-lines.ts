import { MAX_QUANTITY } from "../../contracts/common/quantity.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { AppError, isAppError, type ModuleContext } from "../../runtime/module-api/index.ts";
import type { Line } from "./pricing.ts";

/** Same product twice is one line with the quantities added; like any line, it holds at most MAX_QUANTITY. */
const mergeLines = (items: readonly { product_id: string; quantity: number }[]) => {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.product_id, (merged.get(item.product_id) ?? 0) + item.quantity);
  const tooMany = [...merged].find(([, quantity]) => quantity > MAX_QUANTITY);
  if (tooMany) {
    throw new AppError("amount_out_of_range", `one line holds at most ${MAX_QUANTITY} of a product`, {
      product_id: tooMany[0],
      quantity: tooMany[1],
      max_quantity: MAX_QUANTITY,
    });
  }
  return [...merged].map(([product_id, quantity]) => ({ product_id, quantity }));
};

/** Prices every line from the catalogue, fresh: what the client says a product costs is never used. */
export async function quoteLines(ctx: ModuleContext, items: readonly { product_id: string; quantity: number }[]): Promise<Line[]> {
  const lines = mergeLines(items);
  const { products } = await ctx.call(QuoteProducts, { product_ids: lines.map((l) => l.product_id) }).catch((error: unknown) => {
    if (isAppError(error, "product_not_found")) throw new AppError("unknown_product", error.message, error.details);
    throw error;
  });
  return lines.map((line) => {
    const product = products.find((p) => p.product_id === line.product_id);
    if (!product) throw new AppError("unknown_product", `unknown product ${line.product_id}`, { product_ids: [line.product_id] });
    return { ...line, unit_price_cents: product.unit_price_cents };
  });
}
