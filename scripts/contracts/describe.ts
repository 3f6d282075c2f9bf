import type { ConsumerContract, Use } from "../../contracts/consumer.ts";
import { useName } from "../../contracts/consumer.ts";
import type { CallContract, EventContract, PastVersion } from "../../contracts/define.ts";
import {
  DESCRIPTION_FORMAT,
  type ModuleDescription,
  type PastShape,
  type ProvidedCall,
  type ProvidedEvent,
  type SystemDescription,
  type UseDescription,
} from "./description.ts";
import { requiredPaths } from "./fields.ts";
import { fieldsOf } from "./schema-walk.ts";

/** What describing needs of a module; a ModuleDefinition is one. */
export interface DescribableModule {
  readonly name: string;
  readonly version: string;
  readonly calls: readonly { readonly contract: CallContract }[];
  readonly publishes: readonly EventContract[];
  readonly consumes?: ConsumerContract;
}

const pastShapes = (past: readonly PastVersion[] | undefined): PastShape[] =>
  [...(past ?? [])].sort((a, b) => a.version - b.version).map((p) => ({ version: p.version, fields: fieldsOf(p.schema) }));

function describeCall(contract: CallContract): ProvidedCall {
  const request = fieldsOf(contract.request);
  return {
    name: contract.name,
    version: contract.version,
    request,
    required: requiredPaths(request),
    reply: fieldsOf(contract.reply),
    pastReplies: pastShapes(contract.pastReplies),
    errors: [...contract.errors],
  };
}

const describeEvent = (contract: EventContract): ProvidedEvent => ({
  type: contract.type,
  version: contract.version,
  payload: fieldsOf(contract.payload),
  past: pastShapes(contract.past),
});

function describeUse(use: Use): UseDescription {
  const past = pastShapes(use.kind === "call" ? use.contract.pastReplies : use.contract.past);
  const common = {
    provider: use.contract.owner,
    name: useName(use),
    version: use.contract.version,
    understands: [use.contract.version, ...past.map((p) => p.version).reverse()],
    reads: fieldsOf(use.reads),
    past,
  };
  return use.kind === "call"
    ? { kind: "call", ...common, interactions: use.interactions }
    : { kind: "event", ...common, interactions: use.interactions };
}

/**
 * The module as one of its releases would ship it: every call a migration of that release changes, with the
 * migrated reply (contracts/define.ts, Migration). Undefined when no migration of the module names the release.
 */
export function atRelease(module: DescribableModule, release: string): DescribableModule | undefined {
  const migrated = (contract: CallContract) => contract.migrations?.find((m) => m.release === release);
  if (!module.calls.some((binding) => migrated(binding.contract))) return undefined;
  const calls = module.calls.map((binding) => {
    const migration = migrated(binding.contract);
    return migration ? { contract: { ...binding.contract, reply: migration.reply } } : binding;
  });
  return { ...module, version: release, calls };
}

/** JSON in, JSON out: what is compared in code is exactly what an export writes (no undefined, no Dates). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const describeModule = (module: DescribableModule): ModuleDescription =>
  asJson({
    name: module.name,
    version: module.version,
    calls: module.calls.map((binding) => describeCall(binding.contract)),
    events: module.publishes.map(describeEvent),
    consumes: (module.consumes?.uses ?? []).map(describeUse),
  });

/** The serializable description of a whole system's contracts, module by module. */
export const describeSystem = (system: { readonly modules: readonly DescribableModule[] }): SystemDescription => ({
  format: DESCRIPTION_FORMAT,
  modules: system.modules.map(describeModule),
});
