import { defineModule } from "../../runtime/module-api/index.ts";
import { findProducts } from "./calls.ts";
import { searchConsumes } from "./consumes.ts";
import { SearchEntry } from "./entities.ts";
import { indexCreated, indexUpdated } from "./indexer.ts";
import { searchProviderStates } from "./provider-states.ts";
import { searchRoutes } from "./routes.ts";

/** Finds products by words in their name or description, from its own index of the catalogue's events (the public API and the catalogue ask it). */
export const searchModule = defineModule({
  name: "search",
  version: "1.1.0",
  resources: ["search"],
  entities: [SearchEntry],
  publishes: [],
  calls: [findProducts],
  events: [indexCreated, indexUpdated],
  routes: searchRoutes,
  consumes: searchConsumes,
  providerStates: searchProviderStates,
});
