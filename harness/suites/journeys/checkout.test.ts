import { runSuite } from "../../vitest/run-suite.ts";
import { checkoutJourney } from "./checkout.suite.ts";

runSuite(checkoutJourney);
