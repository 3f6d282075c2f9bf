import { UserCreated } from "../../contracts/users/events.ts";
import { defineModule } from "../../runtime/module.ts";
import { getUser } from "./calls.ts";
import { User } from "./entities.ts";
import { usersRoutes } from "./routes.ts";

/** People who shop: registration and lookup. */
export const usersModule = defineModule({
  name: "users",
  resources: ["users"],
  entities: [User],
  publishes: [UserCreated],
  calls: [getUser],
  events: [],
  routes: usersRoutes,
});
