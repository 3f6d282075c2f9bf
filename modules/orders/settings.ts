import { defineSettings, type ModuleContext } from "../../runtime/module-api/index.ts";

/** The orders module's knobs (TWOFOLD_<NAME>); the tests shrink the timeout and the tick (harness/test-env.ts). */
export const ordersSettings = defineSettings({
  CHECKOUT_TIMEOUT_MS: {
    type: "integer",
    default: 900_000,
    description: "how long an order's saga may take (15 min) before it gives up: the order is cancelled, its stock released, a late charge refunded",
  },
  SAGA_TICK_MS: { type: "integer", default: 1000, min: 1, description: "how often the saga runner looks for sagas that are due" },
  SHIPPING_CENTS: { type: "integer", default: 499, description: "the flat shipping cost of a checkout, in cents (FREESHIP takes it off)" },
});

/** What orders' code runs with: a module context with the orders settings. */
export type OrdersContext = ModuleContext<typeof ordersSettings>;
