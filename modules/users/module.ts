import { PasswordChanged, PasswordResetRequested, UserCreated, UserVerified, VerificationRequested } from "../../contracts/users/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { authenticateCall, getUser } from "./calls.ts";
import { OneTimeToken, Session, User } from "./entities.ts";
import { usersProviderStates } from "./provider-states.ts";
import { usersRoutes } from "./routes.ts";
import { usersSettings } from "./settings.ts";

/** Identity: who people are (operator-created or self-registered), their sessions and account recovery. */
export const usersModule = defineModule({
  name: "users",
  version: "1.1.0",
  resources: ["users", "auth", "sessions", "profile"],
  entities: [User, Session, OneTimeToken],
  publishes: [UserCreated, VerificationRequested, UserVerified, PasswordResetRequested, PasswordChanged],
  settings: usersSettings,
  calls: [getUser, authenticateCall],
  events: [],
  routes: usersRoutes,
  providerStates: usersProviderStates,
});
