import type { CallContract, EventContract } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";

/** Looks contracts up by name; the bus validates every message against what it finds here. */
export interface Catalog {
  call(name: string): CallContract;
  event(type: string): EventContract;
  readonly calls: readonly CallContract[];
  readonly events: readonly EventContract[];
}

export function createCatalog(calls: readonly CallContract[], events: readonly EventContract[]): Catalog {
  const byName = new Map(calls.map((c) => [c.name, c]));
  const byType = new Map(events.map((e) => [e.type, e]));
  return {
    calls,
    events,
    call(name) {
      const contract = byName.get(name);
      if (!contract) throw new AppError("contract_violation", `no contract for call "${name}"`, { name });
      return contract;
    },
    event(type) {
      const contract = byType.get(type);
      if (!contract) throw new AppError("contract_violation", `no contract for event "${type}"`, { type });
      return contract;
    },
  };
}
