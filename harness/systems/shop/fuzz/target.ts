import { PaymentToken } from "../../../../contracts/payments/api.ts";
import { Email } from "../../../../contracts/users/api.ts";
import { shop } from "../../../../modules/shop.ts";
import { describeModules } from "../../../../runtime/docs/described.ts";
import { fixtureHints, mostly } from "../../../fuzz/hints.ts";
import { fuzzedRoutes } from "../../../fuzz/routes.ts";
import type { FuzzTarget } from "../../../fuzz/target.ts";
import { shopAnnotations } from "./annotations.ts";
import { prepareShopWorld } from "./world.ts";

/** The fake provider's tokens, less tok_slow: it answers after TWOFOLD_PAYMENT_SLOW_MS, longer than a short run has. */
const PAYMENT_TOKENS = ["tok_visa", "tok_chargeDeclined", "tok_insufficient_funds", "tok_processing_error"];

/** The shop as the fuzzer sees it: every route its modules describe, its world, and the tokens its fake provider knows. */
export const shopFuzz: FuzzTarget = {
  routes: fuzzedRoutes(describeModules(shop.modules).routes, shopAnnotations),
  prepareWorld: prepareShopWorld,
  hints: (world) =>
    fixtureHints(world, [
      [PaymentToken, mostly(PAYMENT_TOKENS, PaymentToken)],
      [Email, mostly([world.customerEmail], Email)],
    ]),
};
