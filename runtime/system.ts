import type { CallContract, EventContract } from "../contracts/define.ts";
import type { ModuleDefinition } from "./module.ts";

/** A whole system: its modules and every contract that crosses between them. The host boots one of these. */
export interface SystemDefinition {
  readonly modules: readonly ModuleDefinition[];
  readonly calls: readonly CallContract[];
  readonly events: readonly EventContract[];
  /**
   * The call that answers one feature flag's rollout (`{ name }` → its rollout), when the system has feature
   * flags: `ctx.flags` reads through it (runtime/flags/). Without one, every flag is off.
   */
  readonly flagSource?: CallContract;
}
