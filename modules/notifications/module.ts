import { defineModule } from "../../runtime/module.ts";
import { Notification } from "./entities.ts";
import { notificationsRoutes } from "./routes.ts";
import { orderPlaced, welcome } from "./subscribers.ts";

/** Tells people what happened: one notification per event, however often the event arrives. */
export const notificationsModule = defineModule({
  name: "notifications",
  resources: ["notifications"],
  entities: [Notification],
  publishes: [],
  calls: [],
  events: [welcome, orderPlaced],
  routes: notificationsRoutes,
});
