import { Authenticate, GetUser } from "../../contracts/users/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { findUser } from "./accounts.ts";
import { authenticate } from "./sessions.ts";
import { isProfileComplete } from "./views.ts";

export const getUser = answer(GetUser, async ({ user_id }, ctx) => {
  const user = await findUser(ctx, user_id);
  return {
    id: user.id,
    name: user.name ?? "",
    email: user.email,
    email_verified: Boolean(user.emailVerifiedAt),
    profile_complete: isProfileComplete(user),
  };
});

export const authenticateCall = answer(Authenticate, ({ token }, ctx) => authenticate(ctx, token));
