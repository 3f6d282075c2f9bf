import { describeSystem } from "../describe.ts";
import type { SystemDescription } from "../description.ts";

/**
 * The working tree's modules, those of every system once (a module two systems share is one deployable unit),
 * loaded only by the commands that need them (can-i-deploy reads the broker only).
 */
export async function workingTree(): Promise<SystemDescription> {
  const { everyModule } = await import("../../../modules/index.ts");
  return describeSystem({ modules: everyModule });
}

export async function moduleVersions(): Promise<ReadonlyMap<string, string>> {
  const { everyModule } = await import("../../../modules/index.ts");
  return new Map(everyModule.map((m) => [m.name, m.version]));
}
