import { runSuite } from "../vitest/run-suite.ts";
import { badInputSuite } from "./bad-input.suite.ts";

runSuite(badInputSuite);
