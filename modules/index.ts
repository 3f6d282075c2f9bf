import { shopCalls, shopEvents } from "../contracts/catalog.ts";
import type { SystemDefinition } from "../runtime/system.ts";
import { notificationsModule } from "./notifications/module.ts";
import { ordersModule } from "./orders/module.ts";
import { productsModule } from "./products/module.ts";
import { usersModule } from "./users/module.ts";

/** The reference shop: every module and contract. Only the host imports this; modules never import each other. */
export const shop: SystemDefinition = {
  modules: [usersModule, productsModule, ordersModule, notificationsModule],
  calls: shopCalls,
  events: shopEvents,
};
