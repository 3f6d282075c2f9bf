import { runSuite } from "../vitest/run-suite.ts";
import { contractSuite } from "./contracts.suite.ts";

runSuite(contractSuite);
