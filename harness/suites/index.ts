import type { Suite } from "../suite.ts";
import { apiDocsSuite } from "./api-docs.suite.ts";
import { badInputSuite } from "./bad-input.suite.ts";
import { catalogueSuite } from "./catalogue.suite.ts";
import { chaosSuite } from "./chaos.suite.ts";
import { contractSuite } from "./contracts.suite.ts";
import { featureFlagsSuite } from "./feature-flags.suite.ts";
import { rateLimitSuite } from "./rate-limits.suite.ts";

/**
 * Every TypeScript behaviour suite; the harness and `bun run test` run them, and the YAML flows
 * (harness/flows/, the shop's critical journeys among them), against every topology.
 */
export const suites: readonly Suite[] = [badInputSuite, rateLimitSuite, contractSuite, apiDocsSuite, catalogueSuite, chaosSuite, featureFlagsSuite];
