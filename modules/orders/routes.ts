import { Hono } from "hono";
import { PlaceOrderBody } from "../../contracts/orders/api.ts";
import { AppError } from "../../runtime/errors.ts";
import { readBody } from "../../runtime/http/body.ts";
import { resource } from "../../runtime/http/resource.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { Order, OrderItem } from "./entities.ts";
import { placeOrder } from "./place-order.ts";
import { toOrderView } from "./views.ts";

export function ordersRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  resource(app, "/orders", {
    POST: async (c) => {
      const { order, items } = await placeOrder(ctx, await readBody(c, PlaceOrderBody));
      return c.json(toOrderView(order, items), 201);
    },
  });
  resource(app, "/orders/:id", {
    GET: async (c) => {
      const em = ctx.db.em();
      const order = await em.findOne(Order, { id: c.req.param("id") });
      if (!order) throw new AppError("order_not_found", "no such order");
      return c.json(toOrderView(order, await em.find(OrderItem, { orderId: order.id })), 200);
    },
  });
  return app;
}
