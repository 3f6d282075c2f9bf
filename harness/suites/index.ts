import type { Suite } from "../suite.ts";
import { badInputSuite } from "./bad-input.suite.ts";
import { contractSuite } from "./contracts.suite.ts";
import { accountRecoveryJourney } from "./journeys/account-recovery.suite.ts";
import { checkoutJourney } from "./journeys/checkout.suite.ts";
import { lastUnitJourney } from "./journeys/last-unit.suite.ts";
import { onboardingJourney } from "./journeys/onboarding.suite.ts";
import { paymentDeclinedJourney } from "./journeys/payment-declined.suite.ts";
import { retrySafetyJourney } from "./journeys/retry-safety.suite.ts";
import { socialJourney } from "./journeys/social.suite.ts";
import { twoDevicesJourney } from "./journeys/two-devices.suite.ts";
import { orderFlowSuite } from "./order-flow.suite.ts";
import { rateLimitSuite } from "./rate-limits.suite.ts";

/** Every behaviour suite; the harness and `bun run test` run them all against every topology. */
export const suites: readonly Suite[] = [
  orderFlowSuite,
  badInputSuite,
  onboardingJourney,
  checkoutJourney,
  paymentDeclinedJourney,
  socialJourney,
  accountRecoveryJourney,
  twoDevicesJourney,
  retrySafetyJourney,
  lastUnitJourney,
  rateLimitSuite,
  contractSuite,
];
