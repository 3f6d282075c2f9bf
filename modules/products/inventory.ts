import { OrderPlaced } from "../../contracts/orders/events.ts";
import { on } from "../../runtime/module.ts";

/**
 * Takes ordered quantities out of stock. The update is conditional and atomic, so concurrent deliveries
 * cannot lose a decrement or push stock below zero; a shortfall (stock sold between the order's check and
 * this event) is logged and leaves that line's stock as it is.
 */
export const decrementInventory = on(OrderPlaced, async ({ order_id, items }, ctx) => {
  await ctx.transaction(async ({ em }) => {
    for (const item of items) {
      const updated = await em.execute<{ id: string }[]>(
        `update "products"."products" set inventory = inventory - ? where id = ? and inventory >= ? returning id`,
        [item.quantity, item.product_id, item.quantity],
      );
      if (updated.length === 0) console.error(`[products] order ${order_id}: not enough stock of ${item.product_id} to take ${item.quantity}`);
    }
  });
});
