import { HasPurchased } from "../../contracts/orders/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";

/** A purchase is a confirmed order with the product in it. */
export const hasPurchased = answer(HasPurchased, async ({ user_id, product_id }, ctx) => {
  const rows = await ctx.db.em().execute(
    `select 1 from "orders"."orders" o join "orders"."order_items" i on i.order_id = o.id
       where o.user_id = ? and o.status = 'confirmed' and i.product_id = ? limit 1`,
    [user_id, product_id],
  );
  return { purchased: rows.length > 0 };
});
