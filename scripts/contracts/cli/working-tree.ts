import { UsageError } from "../../../runtime/cli/command-line.ts";
import { atRelease, describeSystem } from "../describe.ts";
import type { SystemDescription } from "../description.ts";

/**
 * The working tree's modules, those of every system once (a module two systems share is one deployable unit),
 * loaded only by the commands that need them (can-i-deploy reads the broker only).
 */
export async function workingTree(release?: string): Promise<SystemDescription> {
  const { everyModule } = await import("../../../modules/index.ts");
  if (release === undefined) return describeSystem({ modules: everyModule });
  const [name, version = ""] = release.split("@");
  const module = everyModule.find((m) => m.name === name);
  const released = module && atRelease(module, version);
  if (!released) throw new UsageError(`--release ${release}: no migration of a module's contracts names that release (M@V, e.g. users@2.0.0)`);
  return describeSystem({ modules: everyModule.map((m) => (m === module ? released : m)) });
}

/** Only the module a release (M@V) changes, as that release ships it: what `publish --release` snapshots. */
export async function releasedModule(release: string): Promise<SystemDescription> {
  const [name] = release.split("@");
  const tree = await workingTree(release);
  return { ...tree, modules: tree.modules.filter((m) => m.name === name) };
}

export async function moduleVersions(): Promise<ReadonlyMap<string, string>> {
  const { everyModule } = await import("../../../modules/index.ts");
  return new Map(everyModule.map((m) => [m.name, m.version]));
}
