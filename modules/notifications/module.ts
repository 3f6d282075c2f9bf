import { defineModule } from "../../runtime/module-api/index.ts";
import { notifyCall } from "./calls.ts";
import { notificationsConsumes } from "./consumes.ts";
import { Notification } from "./entities.ts";
import { notificationsProviderStates } from "./provider-states.ts";
import { notificationsRoutes } from "./routes.ts";
import { subscribers } from "./subscribers.ts";

/**
 * Tells people what happened: one notification per event it follows, however often the event arrives, and
 * one per notice another module sends (notifications.notify), however often it is sent.
 */
export const notificationsModule = defineModule({
  name: "notifications",
  version: "1.3.0",
  resources: ["notifications"],
  entities: [Notification],
  publishes: [],
  calls: [notifyCall],
  events: subscribers,
  routes: notificationsRoutes,
  consumes: notificationsConsumes,
  providerStates: notificationsProviderStates,
});
