import type { Suite } from "../suite.ts";
import { badInputSuite } from "./bad-input.suite.ts";
import { orderFlowSuite } from "./order-flow.suite.ts";

/** Every behaviour suite; the harness runs them all against every topology. */
export const suites: readonly Suite[] = [orderFlowSuite, badInputSuite];
