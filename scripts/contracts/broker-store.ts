import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DESCRIPTION_FORMAT, type ModuleDescription, type SystemDescription } from "./description.ts";

/** contracts/broker/<module>@<version>.json: one module at one version, what it provides and consumes. */
interface Snapshot {
  readonly format: typeof DESCRIPTION_FORMAT;
  readonly publishedAt: string;
  readonly module: ModuleDescription;
}

const snapshotPath = (dir: string, module: string, version: string) => join(dir, `${module}@${version}.json`);

export function readSnapshot(dir: string, module: string, version: string): ModuleDescription | undefined {
  const path = snapshotPath(dir, module, version);
  if (!existsSync(path)) return undefined;
  const snapshot = JSON.parse(readFileSync(path, "utf8")) as Snapshot;
  if (snapshot.format !== DESCRIPTION_FORMAT) throw new Error(`${path} is in format ${snapshot.format}, not ${DESCRIPTION_FORMAT}`);
  return snapshot.module;
}

/** Every module@version the broker holds. */
export const listSnapshots = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^[^@]+@[^@]+\.json$/.test(f))
        .map((f) => f.slice(0, -".json".length))
        .sort()
    : [];

export interface PublishResult {
  readonly module: string;
  readonly version: string;
  readonly outcome: "published" | "unchanged" | "conflict" | "replaced";
}

/**
 * Writes a snapshot for each module at its current version. A version is immutable once published: other
 * contracts under the same version are a conflict (bump the module's version) unless forced.
 */
export function publishSnapshots(dir: string, description: SystemDescription, options: { force?: boolean; now?: Date } = {}): PublishResult[] {
  mkdirSync(dir, { recursive: true });
  return description.modules.map((module) => {
    const existing = readSnapshot(dir, module.name, module.version);
    const same = existing && JSON.stringify(existing) === JSON.stringify(module);
    const result = { module: module.name, version: module.version };
    if (same) return { ...result, outcome: "unchanged" };
    if (existing && !options.force) return { ...result, outcome: "conflict" };
    const snapshot: Snapshot = { format: DESCRIPTION_FORMAT, publishedAt: (options.now ?? new Date()).toISOString(), module };
    writeFileSync(snapshotPath(dir, module.name, module.version), `${JSON.stringify(snapshot, null, 2)}\n`);
    return { ...result, outcome: existing ? "replaced" : "published" };
  });
}
