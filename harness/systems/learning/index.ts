import { learning } from "../../../modules/learning.ts";
import { apiDocsSuite } from "../../suites/api-docs.suite.ts";
import { contractSuite } from "../../suites/contracts.suite.ts";
import type { SystemChecks } from "../checks.ts";
import { rateLimitSuite } from "../shared/rate-limits.suite.ts";

/** The learning platform's checks: the shared identity module's limits, its contracts and API descriptions. */
export const learningChecks: SystemChecks = {
  suites: [rateLimitSuite, contractSuite(learning), apiDocsSuite(learning)],
};
