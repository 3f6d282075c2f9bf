import { OrderConfirmed } from "../../contracts/orders/events.ts";
import { on } from "../../runtime/module-api/index.ts";
import { removeOrdered } from "./write.ts";

/** What was bought leaves the cart; the inbox makes a redelivered order.confirmed a no-op. */
export const clearOrdered = on(OrderConfirmed, async ({ user_id, items }, ctx) => {
  await ctx.transaction(({ em }) => removeOrdered(em, user_id, items));
});
