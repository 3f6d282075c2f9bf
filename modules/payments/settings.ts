import { defineSettings, type ModuleContext } from "../../runtime/module-api/index.ts";

/** The payments module's knobs (TWOFOLD_<NAME>). */
export const paymentsSettings = defineSettings({
  PAYMENT_SLOW_MS: { type: "integer", default: 5000, description: "how long the fake provider takes to approve `tok_slow`" },
});

/** What payments' code runs with: a module context with the payments settings. */
export type PaymentsContext = ModuleContext<typeof paymentsSettings>;
