import { listSnapshots, readSnapshot } from "./broker-store.ts";
import { type CompatibilityReport, compareDescriptions } from "./compatibility.ts";
import { DESCRIPTION_FORMAT, type ModuleDescription } from "./description.ts";

const only = (module: ModuleDescription, provider: string): ModuleDescription => ({
  ...module,
  consumes: module.consumes.filter((u) => u.provider === provider),
});

/**
 * Two published versions of one provider compared by the rules of compareDescriptions: what changed between
 * them, and whether the newer one still serves every consumer version published in the broker.
 */
export function compareSnapshots(dir: string, module: string, from: string, to: string): CompatibilityReport {
  const load = (version: string) => {
    const snapshot = readSnapshot(dir, module, version);
    if (!snapshot) throw new Error(`the broker (${dir}) has no snapshot of ${module}@${version}`);
    return { ...snapshot, consumes: [] };
  };
  const consumers = listSnapshots(dir)
    .map((label) => label.split("@") as [string, string])
    .filter(([name]) => name !== module)
    .map(([name, version]) => only(readSnapshot(dir, name, version) as ModuleDescription, module))
    .filter((m) => m.consumes.length > 0);
  const report = compareDescriptions(
    { format: DESCRIPTION_FORMAT, modules: [load(from), ...consumers] },
    { format: DESCRIPTION_FORMAT, modules: [load(to), ...consumers] },
    { before: `${module}@${from}`, after: `${module}@${to}` },
    "sends-current",
  );
  // The consumers are the same published versions on both sides: which side found a problem says nothing.
  return { ...report, problems: report.problems.map(({ at: _, ...problem }) => problem) };
}
