import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";
import { integerUserIds } from "./migrations.ts";

/**
 * Does this user exist, and who are they? Orders asks before it accepts an order; courses before an
 * enrolment, whether the profile is complete (name and address: what the profile endpoint calls complete).
 */
export const GetUser = defineCall({
  name: "users.get",
  owner: "users",
  request: v.object({ user_id: Id }),
  reply: v.object({ id: Id, name: v.string(), email: v.string(), email_verified: v.boolean(), profile_complete: v.boolean() }),
  errors: ["user_not_found"],
  retrySafe: true,
});

/**
 * Whose session is this bearer token? Every customer-facing endpoint asks, fresh each time, so a logout or a
 * password reset takes effect at once in every module.
 */
export const Authenticate = defineCall({
  name: "users.authenticate",
  owner: "users",
  request: v.object({ token: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  reply: v.object({ user_id: Id, session_id: Id, email_verified: v.boolean() }),
  errors: ["unauthenticated"],
  migrations: [integerUserIds],
  // A read; the last-seen time it may touch only moves forward, so a repeat changes nothing.
  retrySafe: true,
});
