import { FlagChanged } from "../../contracts/flags/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { readFlag } from "./calls.ts";
import { FlagRow } from "./entities.ts";
import { flagsProviderStates } from "./provider-states.ts";
import { flagsRoutes } from "./routes.ts";

/**
 * Feature flags: each flag's rollout, set by the operator and announced with `flag.changed`. It decides
 * nothing for other modules: each process decides from its own copy (runtime/flags/), so a flag read costs
 * no call.
 */
export const flagsModule = defineModule({
  name: "flags",
  version: "1.0.0",
  resources: ["flags"],
  entities: [FlagRow],
  publishes: [FlagChanged],
  calls: [readFlag],
  events: [],
  routes: flagsRoutes,
  providerStates: flagsProviderStates,
});
