import type { Segment } from "./path.ts";

/** How one of the seed's topics reads as the bus's events: the event type, and the envelope path its key is. */
export interface TopicMapping {
  readonly type: string;
  readonly key?: readonly Segment[];
}

/** A seed table the owning module keeps under another name or shape: its table, and columns computed from it. */
export interface TableMapping {
  readonly table: string;
  readonly columns: Readonly<Record<string, string>>;
}

/**
 * What a flow written for another system (seed 003's TestMesh file) means here, read from the mapping file
 * beside it: configuration, so the flow itself stays as written.
 */
export interface FlowMapping {
  readonly file?: string;
  /** The shop module that answers each seed service's base URL; requests to them go to the system's base URL. */
  readonly services: ReadonlyMap<string, string>;
  /** Headers every http_request of the flow sends unless the step sets them (templates allowed). */
  readonly headers: Readonly<Record<string, string>>;
  readonly topics: ReadonlyMap<string, TopicMapping>;
  /** Seed schema → the module whose own schema holds its tables. */
  readonly schemas: ReadonlyMap<string, string>;
  /** `schema.table` as the seed writes it → the module's table it reads. */
  readonly tables: ReadonlyMap<string, TableMapping>;
  /** A step of action A runs as action B. */
  readonly actions: ReadonlyMap<string, string>;
  /** Step ids not run at all (→ the mapping file's line naming them). */
  readonly skip: ReadonlyMap<string, number>;
  /** Text replaced in every string of the flow (config, env, assertions) before it loads. */
  readonly values: ReadonlyMap<string, string>;
}

export const noMapping: FlowMapping = {
  services: new Map(),
  headers: {},
  topics: new Map(),
  schemas: new Map(),
  tables: new Map(),
  actions: new Map(),
  skip: new Map(),
  values: new Map(),
};

/** A URL under one of the mapped service base URLs, made relative to the system's one base URL. */
export function toSystemUrl(mapping: FlowMapping, url: string): string {
  for (const base of mapping.services.values()) {
    const rest = url.slice(base.length);
    if (url.startsWith(base) && (rest === "" || /^[/?#]/.test(rest))) return rest.startsWith("/") ? rest : `/${rest}`;
  }
  return url;
}
