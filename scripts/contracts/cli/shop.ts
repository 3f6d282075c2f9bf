import { describeSystem } from "../describe.ts";
import type { SystemDescription } from "../description.ts";

/** The working tree's system, loaded only by the commands that need it (can-i-deploy reads the broker only). */
export async function workingTree(): Promise<SystemDescription> {
  const { shop } = await import("../../../modules/index.ts");
  return describeSystem(shop);
}

export async function moduleVersions(): Promise<ReadonlyMap<string, string>> {
  const { shop } = await import("../../../modules/index.ts");
  return new Map(shop.modules.map((m) => [m.name, m.version]));
}
