import { OrderPlaced } from "../../contracts/orders/events.ts";
import { defineModule } from "../../runtime/module.ts";
import { Order, OrderItem } from "./entities.ts";
import { ordersRoutes } from "./routes.ts";

/** Orders: accepts them after asking users and products, and announces them. */
export const ordersModule = defineModule({
  name: "orders",
  resources: ["orders"],
  entities: [Order, OrderItem],
  publishes: [OrderPlaced],
  calls: [],
  events: [],
  routes: ordersRoutes,
});
