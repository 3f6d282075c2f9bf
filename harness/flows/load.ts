import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { check, defineSuite, type Suite } from "../suite.ts";
import { parseFlows } from "./load-flow.ts";
import { mappingPathFor, parseMapping } from "./load-mapping.ts";
import { runFlow } from "./run-flow.ts";

/** Where reports name a flow file: relative to the working directory when it is inside it. */
const displayName = (path: string) => {
  const shown = relative(process.cwd(), path);
  return shown.startsWith("..") ? path : shown;
};

/**
 * One Suite for a flow file (named after the file), one Check per flow in it (named after the flow). A
 * `<name>.mapping.yaml` beside `<name>.flow.yaml` maps what the flow names (services, topics, tables) to this system.
 */
export function loadFlowFile(path: string): Suite {
  const file = displayName(path);
  const mappingPath = mappingPathFor(path);
  const mapping = mappingPath && existsSync(mappingPath) ? parseMapping(readFileSync(mappingPath, "utf8"), displayName(mappingPath)) : undefined;
  const flows = parseFlows(readFileSync(path, "utf8"), file, mapping);
  return defineSuite(
    basename(path),
    flows.map((flow) => check(flow.name, (system, context) => runFlow(flow, system, context))),
  );
}

/** Every `*.flow.yaml` directly in `dir`, in name order; a broken file throws its FlowError at load. */
export function loadFlows(dir: string): Suite[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".flow.yaml"))
    .sort()
    .map((name) => loadFlowFile(join(dir, name)));
}
