import { ProductCreated } from "../../contracts/products/events.ts";
import { defineModule } from "../../runtime/module.ts";
import { quoteProducts } from "./calls.ts";
import { Product } from "./entities.ts";
import { decrementInventory } from "./inventory.ts";
import { productsRoutes } from "./routes.ts";

/** The catalogue and its stock. */
export const productsModule = defineModule({
  name: "products",
  resources: ["products"],
  entities: [Product],
  publishes: [ProductCreated],
  calls: [quoteProducts],
  events: [decrementInventory],
  routes: productsRoutes,
});
