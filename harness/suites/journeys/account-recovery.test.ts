import { runSuite } from "../../vitest/run-suite.ts";
import { accountRecoveryJourney } from "./account-recovery.suite.ts";

runSuite(accountRecoveryJourney);
