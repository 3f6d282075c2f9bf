import type { EntityManager } from "@mikro-orm/postgresql";
import { Hono } from "hono";
import { CheckoutBody, OrderListQuery, PlaceOrderBody } from "../../contracts/orders/api.ts";
import { Id } from "../../contracts/ids.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import {
  AppError,
  idempotently,
  principal,
  readBody,
  readParam,
  readQuery,
  requireOperator,
  requireSession,
  resource,
} from "../../runtime/module-api/index.ts";
import { audienceOf, operatorOrCustomer } from "./audience.ts";
import { checkout } from "./checkout.ts";
import { Order, OrderItem, Saga } from "./entities.ts";
import { placeOrder } from "./place-order.ts";
import type { OrdersContext } from "./settings.ts";
import { toOrderView } from "./views.ts";

export function ordersRoutes(ctx: OrdersContext): Hono {
  const app = new Hono();
  const customer = requireSession((token) => ctx.call(Authenticate, { token }));
  const operator = requireOperator(ctx);
  const either = operatorOrCustomer(ctx);

  // An order's status and its saga's step change in one transaction; read them in one snapshot too, or a
  // reader can see the saga done and the order still pending (it did, on Postgres).
  const view = async (em: EntityManager, order: Order) => {
    const items = await em.find(OrderItem, { orderId: order.id });
    return toOrderView(order, items, await em.findOne(Saga, { orderId: order.id }));
  };

  app.use("/checkout", customer);
  resource(app, "/checkout", {
    POST: async (c) => {
      const who = principal(c);
      const body = await readBody(c, CheckoutBody);
      return idempotently(c, ctx.db.idempotency, who.user_id, body, async () => {
        const order = await checkout(ctx, who, body);
        return { status: 202, body: order };
      });
    },
  });

  app.use("/orders", async (c, next) => (c.req.method === "POST" ? operator(c, next) : either(c, next)));
  resource(app, "/orders", {
    POST: async (c) => {
      const { order, items } = await placeOrder(ctx, await readBody(c, PlaceOrderBody));
      return c.json(toOrderView(order, items, null), 201);
    },
    GET: async (c) => {
      const audience = audienceOf(c, ctx);
      const query = readQuery(c, OrderListQuery);
      const userId = audience.operator ? query.user_id : audience.userId;
      if (!userId) throw new AppError("validation_failed", "operators list orders per user: ?user_id=", [{ path: "user_id", message: "required" }]);
      const views = await ctx.db.snapshot(async (em) => {
        const orders = await em.find(Order, { userId }, { orderBy: { createdAt: "desc" }, limit: 100 });
        const listed = [];
        for (const order of orders) listed.push(await view(em, order));
        return listed;
      });
      return c.json({ orders: views }, 200);
    },
  });

  app.use("/orders/:id", either);
  resource(app, "/orders/:id", {
    GET: async (c) => {
      const audience = audienceOf(c, ctx);
      const id = readParam(c, "id", Id);
      const found = await ctx.db.snapshot(async (em) => {
        const order = await em.findOne(Order, { id });
        return order && (audience.operator || order.userId === audience.userId) ? view(em, order) : null;
      });
      if (!found) throw new AppError("order_not_found", "no such order");
      return c.json(found, 200);
    },
  });
  return app;
}
