import { fileURLToPath } from "node:url";
import { learning } from "../../../modules/learning.ts";
import { loadFlows } from "../../flows/load.ts";
import { apiDocsSuite } from "../../suites/api-docs.suite.ts";
import { contractSuite } from "../../suites/contracts.suite.ts";
import type { SystemChecks } from "../checks.ts";
import { rateLimitSuite } from "../shared/rate-limits.suite.ts";

/** The learning platform's flows (flows/*.flow.yaml): seed 000's journeys and failure cases. */
const learningFlows = loadFlows(fileURLToPath(new URL("flows", import.meta.url)));

/** The learning platform's checks: its flows, the shared identity module's limits, its contracts and API descriptions. */
export const learningChecks: SystemChecks = {
  suites: [rateLimitSuite, contractSuite(learning), apiDocsSuite(learning), ...learningFlows],
};
