import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import { defineModule, followFlags } from "../../runtime/module-api/index.ts";
import { hasPurchased } from "./calls.ts";
import { ordersConsumes } from "./consumes.ts";
import { Order, OrderItem, Saga } from "./entities.ts";
import { ordersProviderStates } from "./provider-states.ts";
import { ordersRoutes } from "./routes.ts";
import { refundLatePayment } from "./saga/late-payment.ts";
import { sagaRunner } from "./saga/runner.ts";
import { ordersSettings } from "./settings.ts";

/** Orders: the operator's direct orders and customers' checkouts, each driven to the end by a persisted saga. */
export const ordersModule = defineModule({
  name: "orders",
  version: "1.2.0",
  resources: ["orders", "checkout"],
  entities: [Order, OrderItem, Saga],
  publishes: [OrderPlaced, OrderConfirmed, OrderCancelled],
  settings: ordersSettings,
  calls: [hasPurchased],
  events: [refundLatePayment, followFlags],
  routes: ordersRoutes,
  background: [sagaRunner],
  consumes: ordersConsumes,
  providerStates: ordersProviderStates,
});
