import { ProductCreated, ProductUpdated } from "../../contracts/products/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { quoteProducts } from "./calls.ts";
import { productsConsumes } from "./consumes.ts";
import { completePendingProducts } from "./create-product.ts";
import { Product } from "./entities.ts";
import { productsProviderStates } from "./provider-states.ts";
import { productsRoutes } from "./routes.ts";
import { productsSettings } from "./settings.ts";
import { stockCommitted, stockReceived, stockReleased, stockReserved } from "./stock-read-model.ts";

/** The catalogue: names, descriptions, prices, a read model of the warehouse's available stock, and search over it. */
export const productsModule = defineModule({
  name: "products",
  version: "1.2.0",
  resources: ["products"],
  entities: [Product],
  publishes: [ProductCreated, ProductUpdated],
  settings: productsSettings,
  calls: [quoteProducts],
  events: [stockReceived, stockReserved, stockCommitted, stockReleased],
  routes: productsRoutes,
  background: [completePendingProducts],
  consumes: productsConsumes,
  providerStates: productsProviderStates,
});
