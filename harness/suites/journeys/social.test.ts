import { runSuite } from "../../vitest/run-suite.ts";
import { socialJourney } from "./social.suite.ts";

runSuite(socialJourney);
