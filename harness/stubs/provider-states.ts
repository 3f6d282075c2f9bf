import type { CallUse, ConsumerContract, Use } from "../../contracts/consumer.ts";
import type { ModuleDefinition } from "../../runtime/module.ts";

/**
 * The module with some calls' stubs put in one state of its consumer contract: for each call named, only the
 * interaction with that description is kept, so its stub answers as the provider does in that state (out of
 * stock, a declined card) whatever the request's generated fields. Still nothing but the contract's answers.
 */
export function inProviderStates(module: ModuleDefinition, descriptions: Readonly<Record<string, string>>): ModuleDefinition {
  const contract = module.consumes;
  if (!contract) throw new Error(`${module.name} has no consumer contract`);
  const uses = contract.uses.map((use): Use => {
    const wanted = use.kind === "call" ? descriptions[use.contract.name] : undefined;
    if (use.kind !== "call" || wanted === undefined) return use;
    const interaction = use.interactions.find((i) => i.description === wanted);
    if (!interaction) throw new Error(`${module.name}'s contract has no "${wanted}" interaction for ${use.contract.owner}`);
    const narrowed: CallUse = { ...use, interactions: [interaction] };
    return narrowed;
  });
  const unknown = Object.keys(descriptions).filter((name) => !contract.uses.some((u) => u.kind === "call" && u.contract.name === name));
  if (unknown.length > 0) throw new Error(`${module.name} makes no call ${unknown.join(", ")}`);
  const narrowed: ConsumerContract = { ...contract, uses };
  return { ...module, consumes: narrowed };
}
