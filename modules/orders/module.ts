import { FlagChanged } from "../../contracts/flags/events.ts";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import { defineModule, followFlags } from "../../runtime/module-api/index.ts";
import { hasPurchased } from "./calls.ts";
import { ordersConsumes } from "./consumes.ts";
import { Order, OrderItem, Saga } from "./entities.ts";
import { ordersProviderStates } from "./provider-states.ts";
import { ordersRoutes } from "./routes.ts";
import { checkoutSaga } from "./saga/declaration.ts";
import { refundLatePayment } from "./saga/late-payment.ts";
import { sagaRunner } from "./saga/runner.ts";
import { sagaStates } from "./saga/states.ts";
import { ordersSettings } from "./settings.ts";

/** Orders: the operator's direct orders and customers' checkouts, each driven to the end by a persisted saga. */
export const ordersModule = defineModule({
  name: "orders",
  version: "1.4.0",
  resources: ["orders", "checkout"],
  entities: [Order, OrderItem, Saga],
  publishes: [OrderPlaced, OrderConfirmed, OrderCancelled],
  settings: ordersSettings,
  calls: [hasPurchased],
  events: [refundLatePayment, followFlags(FlagChanged)],
  routes: ordersRoutes,
  background: [sagaRunner],
  sagas: [checkoutSaga],
  metrics: [sagaStates],
  consumes: ordersConsumes,
  providerStates: ordersProviderStates,
});
