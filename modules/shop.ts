import { shopCalls, shopEvents } from "../contracts/catalog.ts";
import { ReadFlag } from "../contracts/flags/calls.ts";
import type { SystemDefinition } from "../runtime/system.ts";
import { cartModule } from "./cart/module.ts";
import { flagsModule } from "./flags/module.ts";
import { notificationsModule } from "./notifications/module.ts";
import { ordersModule } from "./orders/module.ts";
import { paymentsModule } from "./payments/module.ts";
import { productsModule } from "./products/module.ts";
import { reviewsModule } from "./reviews/module.ts";
import { searchModule } from "./search/module.ts";
import { usersModule } from "./users/module.ts";
import { warehouseModule } from "./warehouse/module.ts";

/** The reference shop: every module and contract. Only the host imports this; modules never import each other. */
export const shop: SystemDefinition = {
  modules: [
    usersModule,
    productsModule,
    warehouseModule,
    cartModule,
    ordersModule,
    paymentsModule,
    notificationsModule,
    searchModule,
    reviewsModule,
    flagsModule,
  ],
  calls: shopCalls,
  events: shopEvents,
  flagSource: ReadFlag,
};
