import { runSuite } from "../vitest/run-suite.ts";
import { rateLimitSuite } from "./rate-limits.suite.ts";

runSuite(rateLimitSuite);
