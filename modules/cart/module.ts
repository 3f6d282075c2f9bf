import { defineModule } from "../../runtime/module-api/index.ts";
import { getCart } from "./calls.ts";
import { cartConsumes } from "./consumes.ts";
import { Cart, CartItem } from "./entities.ts";
import { cartProviderStates } from "./provider-states.ts";
import { cartRoutes } from "./routes.ts";
import { clearOrdered } from "./subscribers.ts";

/** One cart per customer, safe to edit from several devices at once. */
export const cartModule = defineModule({
  name: "cart",
  version: "1.1.0",
  resources: ["cart"],
  entities: [Cart, CartItem],
  publishes: [],
  calls: [getCart],
  events: [clearOrdered],
  routes: cartRoutes,
  consumes: cartConsumes,
  providerStates: cartProviderStates,
});
