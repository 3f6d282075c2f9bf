import { defineModule } from "../../runtime/module-api/index.ts";
import { searchConsumes } from "./consumes.ts";
import { SearchEntry } from "./entities.ts";
import { indexCreated, indexUpdated } from "./indexer.ts";
import { searchRoutes } from "./routes.ts";

/** Finds products by words in their name or description, from its own index of the catalogue's events. */
export const searchModule = defineModule({
  name: "search",
  version: "1.0.0",
  resources: ["search"],
  entities: [SearchEntry],
  publishes: [],
  calls: [],
  events: [indexCreated, indexUpdated],
  routes: searchRoutes,
  consumes: searchConsumes,
});
