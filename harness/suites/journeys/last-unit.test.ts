import { runSuite } from "../../vitest/run-suite.ts";
import { lastUnitJourney } from "./last-unit.suite.ts";

runSuite(lastUnitJourney);
