import { resolve } from "node:path";
import type { CallContract, EventContract } from "../contracts/define.ts";
import type { SystemDefinition } from "../runtime/system.ts";
import shopTopology from "../topology.json" with { type: "json" };
import learningTopology from "../topology.learning.json" with { type: "json" };
import { learning } from "./learning.ts";
import { shop } from "./shop.ts";

type Module = SystemDefinition["modules"][number];

/** A system as the launcher knows it: a named selection of modules, and where each runs when split. */
interface RegisteredSystem {
  readonly definition: SystemDefinition;
  /** Its topology file, TWOFOLD_TOPOLOGY's default for it. */
  readonly topologyFile: string;
  /** The same description, built into the program for a compiled binary run where the file is not. */
  readonly topology: unknown;
}

/**
 * The systems, by name: the one list `--system` chooses from (`bun run dev`, `split`, `harness`). A new
 * system is one entry here, its definition beside it (modules/<system>.ts) and its topology file; its checks
 * are one entry of harness/systems/index.ts, which the compiler holds to these names.
 */
export const systems = {
  shop: { definition: shop, topologyFile: "topology.json", topology: shopTopology },
  learning: { definition: learning, topologyFile: "topology.learning.json", topology: learningTopology },
} as const satisfies Record<string, RegisteredSystem>;

export type SystemName = keyof typeof systems;

export const systemNames = Object.keys(systems) as SystemName[];

/** What runs when no system is named, so the README's commands stay as they were. */
export const DEFAULT_SYSTEM: SystemName = "shop";

export const isSystemName = (name: string): name is SystemName => Object.hasOwn(systems, name);

/**
 * The environment a system's processes start from, under whatever the caller's environment says: its name
 * (children of a split launch read it), its topology file and — for any system but the default — a data
 * directory and queue prefix of its own, so two systems never open one database or share a queue.
 */
export function systemEnvironment(name: SystemName): Record<string, string> {
  const own: Record<string, string> = name === DEFAULT_SYSTEM ? {} : { TWOFOLD_DATA_DIR: `.data/${name}`, TWOFOLD_QUEUE_PREFIX: `twofold-${name}` };
  return { TWOFOLD_SYSTEM: name, TWOFOLD_TOPOLOGY: systems[name].topologyFile, ...own };
}

/**
 * The system TWOFOLD_SYSTEM names: a registered name, or (from source only) the path of a file exporting
 * `system`, which is how the harness boots its fixture systems in every topology.
 */
export async function loadSystem(entry: string, base = process.cwd()): Promise<SystemDefinition> {
  if (isSystemName(entry)) return systems[entry].definition;
  const loaded = (await import(resolve(base, entry))) as { system?: SystemDefinition };
  if (!loaded.system) throw new Error(`${entry} is no registered system (${systemNames.join(", ")}) and exports no \`system\``);
  return loaded.system;
}

const byName = <T>(items: readonly T[], name: (item: T) => string): T[] => [...new Map(items.map((item) => [name(item), item])).values()];

/** Every module of every system, once: a module two systems share is one deployable unit with one version. */
export const everyModule: readonly Module[] = byName(
  Object.values(systems).flatMap((s) => s.definition.modules),
  (m) => m.name,
);

/** Every contract of every system, once: the catalogue a module tested alone is checked against. */
export const everyCall: readonly CallContract[] = byName(
  Object.values(systems).flatMap((s) => s.definition.calls),
  (c) => c.name,
);

export const everyEvent: readonly EventContract[] = byName(
  Object.values(systems).flatMap((s) => s.definition.events),
  (e) => e.type,
);
