import { fileURLToPath } from "node:url";
import type { Suite } from "../suite.ts";
import { loadFlows } from "./load.ts";

/** The shipped flows (harness/flows/*.flow.yaml), ready to run on any topology like the TypeScript suites. */
export const flowSuites: readonly Suite[] = loadFlows(fileURLToPath(new URL(".", import.meta.url)));

/** One shipped flow by its check's name (the seed's order flow drives the skew and binary tests). */
export function flowNamed(name: string): Suite {
  const suite = flowSuites.find((s) => s.checks.some((c) => c.name === name));
  if (!suite) throw new Error(`no flow named "${name}" in harness/flows`);
  return suite;
}
