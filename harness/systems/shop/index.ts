import { fileURLToPath } from "node:url";
import { featureFlags } from "../../../contracts/flags/flags.ts";
import { shop } from "../../../modules/shop.ts";
import { sagaCompensationSuite } from "../../checkers/saga-compensation.ts";
import { loadFlows } from "../../flows/load.ts";
import type { SoakDriver } from "../../soak/soak.ts";
import { apiDocsSuite } from "../../suites/api-docs.suite.ts";
import { contractSuite } from "../../suites/contracts.suite.ts";
import type { SystemChecks } from "../checks.ts";
import { rateLimitSuite } from "../shared/rate-limits.suite.ts";
import { badInputSuite } from "./bad-input.suite.ts";
import { catalogueSuite } from "./catalogue.suite.ts";
import { chaosSuite } from "./chaos.suite.ts";
import { clockSkewSuite } from "./clock-skew.suite.ts";
import { shopCrashJourney } from "./crash-journey.ts";
import { featureFlagsSuite } from "./feature-flags.suite.ts";
import { shopFuzz } from "./fuzz/target.ts";
import { fuzzSuite } from "./fuzz.suite.ts";
import { shopInvariants } from "./invariants/index.ts";
import { nemesisSuite } from "./nemesis.suite.ts";
import { partialFailureSuite } from "./partial-failure.suite.ts";
import { shopSagaJourneys } from "./saga-journeys.ts";
import { shopSoak } from "./soak.ts";
import { setFlag } from "./steps.ts";

/** The shop's flows (flows/*.flow.yaml): its nine critical journeys and the seed's order flow among them. */
export const shopFlows = loadFlows(fileURLToPath(new URL("flows", import.meta.url)));

/** The shop's checks: its TypeScript suites and flows, the shared identity module's limits, its contracts and API descriptions. */
export const shopChecks: SystemChecks = {
  suites: [
    badInputSuite,
    rateLimitSuite,
    contractSuite(shop),
    apiDocsSuite(shop),
    catalogueSuite,
    chaosSuite,
    partialFailureSuite,
    clockSkewSuite,
    nemesisSuite,
    featureFlagsSuite,
    sagaCompensationSuite(shop.modules, shopSagaJourneys),
    ...shopFlows,
  ],
  invariants: shopInvariants,
  flags: { names: Object.keys(featureFlags), set: setFlag },
  testOnly: [fuzzSuite],
  fuzz: shopFuzz,
  crashJourney: shopCrashJourney,
  soak: shopSoak as SoakDriver,
};
