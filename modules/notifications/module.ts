import { defineModule } from "../../runtime/module-api/index.ts";
import { notificationsConsumes } from "./consumes.ts";
import { Notification } from "./entities.ts";
import { notificationsRoutes } from "./routes.ts";
import { subscribers } from "./subscribers.ts";

/** Tells people what happened: one notification per event, however often the event arrives. */
export const notificationsModule = defineModule({
  name: "notifications",
  version: "1.1.0",
  resources: ["notifications"],
  entities: [Notification],
  publishes: [],
  calls: [],
  events: subscribers,
  routes: notificationsRoutes,
  consumes: notificationsConsumes,
});
