import { runSuite } from "../../vitest/run-suite.ts";
import { abandonedCheckoutJourney } from "./abandoned-checkout.suite.ts";

runSuite(abandonedCheckoutJourney);
