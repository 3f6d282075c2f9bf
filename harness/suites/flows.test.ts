import { flowSuites } from "../flows/index.ts";
import { runSuite } from "../vitest/run-suite.ts";

// The YAML flows (harness/flows/*.flow.yaml) run like every other behaviour suite, on each topology.
for (const suite of flowSuites) runSuite(suite);
