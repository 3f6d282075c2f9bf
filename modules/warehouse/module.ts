import {
  InventoryCommitted,
  InventoryInsufficient,
  InventoryReceived,
  InventoryReleased,
  InventoryReserved,
} from "../../contracts/warehouse/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { availability, commit, receive, release, reserve } from "./calls.ts";
import { Receipt, Reservation, Stock } from "./entities.ts";
import { expireReservations } from "./expiry.ts";
import { warehouseProviderStates } from "./provider-states.ts";
import { warehouseRoutes } from "./routes.ts";
import { warehouseSettings } from "./settings.ts";

/** Stock per product and the reservations that hold it for orders; the only place stock changes. */
export const warehouseModule = defineModule({
  name: "warehouse",
  version: "1.1.0",
  resources: ["inventory"],
  entities: [Stock, Reservation, Receipt],
  publishes: [InventoryReceived, InventoryReserved, InventoryCommitted, InventoryReleased, InventoryInsufficient],
  settings: warehouseSettings,
  calls: [receive, reserve, commit, release, availability],
  events: [],
  routes: warehouseRoutes,
  background: [expireReservations],
  providerStates: warehouseProviderStates,
});
