import { runSuite } from "../../vitest/run-suite.ts";
import { paymentDeclinedJourney } from "./payment-declined.suite.ts";

runSuite(paymentDeclinedJourney);
