import type { EntityManager } from "@mikro-orm/postgresql";
import { fromCents } from "../../contracts/money.ts";
import type { OrderFigures } from "../../contracts/orders/api.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { Order, OrderItem, Saga } from "./entities.ts";
import type { OrdersContext } from "./settings.ts";

/** Confirmed orders and their revenue, synthetic transactions' left out: they are real orders, but no sale. */
export async function salesFigures(em: EntityManager): Promise<OrderFigures> {
  const [row] = await em.execute<{ orders: string | number; cents: string | number | null }[]>(
    `select count(*) as orders, sum(total_cents) as cents from "orders"."orders" where status = 'confirmed' and not synthetic`,
  );
  return { confirmed_orders: Number(row?.orders ?? 0), revenue: fromCents(Number(row?.cents ?? 0)) };
}

/** Removes a synthetic order that has finished (its saga no longer acts on it), with its lines and saga. */
export async function removeSyntheticOrder(ctx: OrdersContext, id: string): Promise<void> {
  await ctx.db.transaction(async ({ em }) => {
    const order = await em.findOne(Order, { id });
    if (!order) throw new AppError("order_not_found", "no such order");
    if (!order.synthetic) throw new AppError("not_synthetic", "only a synthetic transaction's order can be removed");
    if (order.status === "pending") throw new AppError("order_in_progress", "the order's checkout is still running");
    await em.nativeDelete(OrderItem, { orderId: id });
    await em.nativeDelete(Saga, { orderId: id });
    await em.nativeDelete(Order, { id });
  });
}
