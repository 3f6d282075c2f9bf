import { runSuite } from "../../vitest/run-suite.ts";
import { retrySafetyJourney } from "./retry-safety.suite.ts";

runSuite(retrySafetyJourney);
