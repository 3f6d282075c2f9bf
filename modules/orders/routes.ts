import type { EntityManager } from "@mikro-orm/postgresql";
import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import {
  CheckoutBody,
  CheckoutPreview,
  CheckoutPreviewQuery,
  OrderFigures,
  OrderList,
  OrderListQuery,
  OrderView,
  PlaceOrderBody,
} from "../../contracts/orders/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { AppError, endpoint, idempotently, principal, requireOperator, requireSession, resource } from "../../runtime/module-api/index.ts";
import { audienceOf, operatorOrCustomer } from "./audience.ts";
import { checkout } from "./checkout.ts";
import { Order, OrderItem, Saga } from "./entities.ts";
import { placeOrder } from "./place-order.ts";
import { priceCart } from "./price-cart.ts";
import type { OrdersContext } from "./settings.ts";
import { removeSyntheticOrder, salesFigures } from "./synthetic.ts";
import { toCheckoutPreview, toOrderView } from "./views.ts";

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
    POST: endpoint({
      summary: "Check my cart out",
      description:
        "Prices the cart from the catalogue, applies a discount code (SAVE10, FLAT50, FREESHIP) and answers 202 with the pending order at once; the checkout saga reserves stock, charges the card, commits and confirms, or compensates and cancels with a `status_reason`. Read the order for the outcome. While warehouse or payments is known to be failing (the circuit to it is open) it answers 503 `circuit_open` at once, creating nothing.",
      body: CheckoutBody,
      idempotent: true,
      responses: { 202: OrderView },
      errors: ["email_not_verified", "cart_empty", "invalid_discount_code", "unknown_product", "amount_out_of_range", "circuit_open"],
      handle: async (c, input) => {
        const who = principal(c);
        const body = await input.body();
        return idempotently(c, ctx.db.idempotency, who.user_id, body, async (_began, settle) => {
          const order = await checkout(ctx, who, body, (em, view) => settle(em, { status: 202, body: view }));
          return { status: 202, body: order };
        });
      },
    }),
  });

  app.use("/checkout/preview", customer);
  resource(app, "/checkout/preview", {
    GET: endpoint({
      summary: "Preview my checkout",
      description:
        "What checking the cart out would cost now, priced exactly as `POST /checkout` would price it (the catalogue's prices, my pricing rule, `?discount_code=`), without placing anything. `pricing` is v2 where the `new_pricing` flag is on for me.",
      query: CheckoutPreviewQuery,
      responses: { 200: CheckoutPreview },
      errors: ["cart_empty", "invalid_discount_code", "unknown_product", "amount_out_of_range"],
      handle: async (c, input) => {
        const { totals } = await priceCart(ctx, principal(c).user_id, input.query().discount_code || undefined);
        return c.json(toCheckoutPreview(totals), 200);
      },
    }),
  });

  app.on("POST", "/orders", operator);
  app.on("GET", "/orders", either);
  resource(app, "/orders", {
    POST: endpoint({
      summary: "Place an order for a user",
      description: "The back office's order (the TestMesh flow): stock is reserved at once, payment is offline, the order stays pending.",
      body: PlaceOrderBody,
      responses: { 201: OrderView },
      errors: ["unknown_user", "unknown_product", "insufficient_inventory", "amount_out_of_range"],
      handle: async (c, input) => {
        const { order, items } = await placeOrder(ctx, await input.body());
        return c.json(toOrderView(order, items, null), 201);
      },
    }),
    GET: endpoint({
      summary: "List orders",
      description: "A customer's own, newest first (at most 100); the operator names the user with `?user_id=`.",
      query: OrderListQuery,
      responses: { 200: OrderList },
      handle: async (c, input) => {
        const audience = audienceOf(c, ctx);
        const query = input.query();
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
    }),
  });

  app.use("/orders/figures", operator);
  resource(app, "/orders/figures", {
    GET: endpoint({
      summary: "Sales figures",
      description: "Confirmed orders and their revenue (totals, shipping included). Synthetic transactions' orders are never counted.",
      responses: { 200: OrderFigures },
      handle: async (c) => c.json(await salesFigures(ctx.db.em()), 200),
    }),
  });

  app.on("DELETE", "/orders/:id", operator);
  app.on("GET", "/orders/:id", either);
  resource(app, "/orders/:id", {
    GET: endpoint({
      summary: "Read an order",
      description: "`status`, `status_reason` and the saga's step; someone else's order is 404 to a customer.",
      params: { id: Id },
      responses: { 200: OrderView },
      errors: ["order_not_found"],
      handle: async (c, input) => {
        const audience = audienceOf(c, ctx);
        const id = input.param("id");
        const found = await ctx.db.snapshot(async (em) => {
          const order = await em.findOne(Order, { id });
          return order && (audience.operator || order.userId === audience.userId) ? view(em, order) : null;
        });
        if (!found) throw new AppError("order_not_found", "no such order");
        return c.json(found, 200);
      },
    }),
    DELETE: endpoint({
      summary: "Remove a synthetic order",
      description:
        "How a synthetic transaction cleans up: the order, its lines and its saga, once it is confirmed or cancelled. A real order is 409 `not_synthetic`.",
      params: { id: Id },
      responses: { 204: null },
      errors: ["order_not_found", "not_synthetic", "order_in_progress"],
      handle: async (c, input) => {
        await removeSyntheticOrder(ctx, input.param("id"));
        return c.body(null, 204);
      },
    }),
  });
  return app;
}
