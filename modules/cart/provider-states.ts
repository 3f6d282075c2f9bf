import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { setLine } from "./write.ts";

/** The states the consumers of cart.get name. */
export const cartProviderStates: Record<string, ProviderStateHandler> = {
  /** Sets the line as a customer's PUT would, against the cart's current version. */
  "cart holds a product": (ctx, params) =>
    ctx.db.transaction(async ({ em }) => {
      const userId = String(params.user_id);
      const [cart] = await em.execute<{ version: number }[]>(`select version from "cart"."carts" where user_id = ? for update`, [userId]);
      await setLine(em, userId, String(params.product_id), Number(params.quantity), Number(cart?.version ?? 0));
    }),

  "cart is empty": (ctx, params) =>
    ctx.db.transaction(async ({ em }) => {
      const emptied = await em.execute(
        `delete from "cart"."cart_items" where cart_id in (select id from "cart"."carts" where user_id = ?) returning product_id`,
        [String(params.user_id)],
      );
      if (emptied.length > 0)
        await em.execute(`update "cart"."carts" set version = version + 1, updated_at = now() where user_id = ?`, [String(params.user_id)]);
    }),
};
