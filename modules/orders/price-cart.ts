import { GetCart } from "../../contracts/cart/calls.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { type Line, type Pricing, priceOrder, type Totals } from "./pricing.ts";
import { quoteLines } from "./quote-lines.ts";
import type { OrdersContext } from "./settings.ts";

/** The pricing rule a user's checkout gets now: v2 where the `new_pricing` flag is on for them. */
const pricingFor = async (ctx: OrdersContext, userId: string): Promise<Pricing> => ((await ctx.flags.isOn("new_pricing", userId)) ? "v2" : "v1");

/**
 * A user's cart as the cart module has it now, priced as its checkout would be: each line from the catalogue,
 * the user's pricing rule, then the discount code. Checkout and its preview price the same way.
 */
export async function priceCart(ctx: OrdersContext, userId: string, code: string | undefined): Promise<{ lines: Line[]; totals: Totals }> {
  const cart = await ctx.call(GetCart, { user_id: userId });
  if (cart.items.length === 0) throw new AppError("cart_empty", "the cart is empty");
  const lines = await quoteLines(ctx, cart.items);
  return { lines, totals: priceOrder(lines, ctx.settings.SHIPPING_CENTS, code, await pricingFor(ctx, userId)) };
}
