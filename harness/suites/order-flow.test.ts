import { runSuite } from "../vitest/run-suite.ts";
import { orderFlowSuite } from "./order-flow.suite.ts";

runSuite(orderFlowSuite);
