import type { ModuleDefinition } from "../module.ts";

/** What the documents call the system: "<name> API", "<name> events" ("twofold" unless given). */
export interface DocumentInfo {
  readonly name?: string;
}

export const systemName = (info: DocumentInfo): string => info.name ?? "twofold";

/** The version of the public API (its path prefix, /api/v1) and of every event envelope's shape. */
export const DOCUMENT_VERSION = "v1";

/** A document describes exactly these modules at these versions (what contracts are published and deployed under). */
export const moduleVersions = (modules: readonly ModuleDefinition[]): string =>
  `Modules: ${modules.map((m) => `${m.name} ${m.version}`).join(", ")}.`;
