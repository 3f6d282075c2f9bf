import { runSuite } from "../vitest/run-suite.ts";
import { fuzzSuite } from "./fuzz.suite.ts";

runSuite(fuzzSuite);
