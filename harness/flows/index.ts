import { fileURLToPath } from "node:url";
import type { Suite } from "../suite.ts";
import { loadFlows } from "./load.ts";

/** The shipped flows (harness/flows/*.flow.yaml), ready to run on any topology like the TypeScript suites. */
export const flowSuites: readonly Suite[] = loadFlows(fileURLToPath(new URL(".", import.meta.url)));
