import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "../../contracts/payments/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { chargeCall, refundCall } from "./calls.ts";
import { Charge, Refund } from "./entities.ts";
import { paymentsProviderStates } from "./provider-states.ts";
import { paymentsRoutes } from "./routes.ts";
import { paymentsSettings } from "./settings.ts";

/** Takes money through the (fake) provider, at most once per idempotency key, and gives it back. */
export const paymentsModule = defineModule({
  name: "payments",
  version: "1.1.0",
  resources: ["payments"],
  entities: [Charge, Refund],
  publishes: [PaymentSucceeded, PaymentFailed, PaymentRefunded],
  settings: paymentsSettings,
  calls: [chargeCall, refundCall],
  events: [],
  routes: paymentsRoutes,
  providerStates: paymentsProviderStates,
});
