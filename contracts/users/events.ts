import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

export const UserCreated = defineEvent({
  type: "user.created",
  owner: "users",
  payload: v.object({ user_id: Id, name: v.string(), email: v.string(), created_at: Timestamp }),
});

/** A verification token to deliver to the user (notifications is the mail room). */
export const VerificationRequested = defineEvent({
  type: "user.verification_requested",
  owner: "users",
  payload: v.object({ user_id: Id, email: v.string(), token: v.string(), expires_at: Timestamp }),
});

export const UserVerified = defineEvent({
  type: "user.verified",
  owner: "users",
  payload: v.object({ user_id: Id, verified_at: Timestamp }),
});

export const PasswordResetRequested = defineEvent({
  type: "user.password_reset_requested",
  owner: "users",
  payload: v.object({ user_id: Id, email: v.string(), token: v.string(), expires_at: Timestamp }),
});

/** Every other session of the user was revoked with this change. */
export const PasswordChanged = defineEvent({
  type: "user.password_changed",
  owner: "users",
  payload: v.object({ user_id: Id, revoked_sessions: v.number(), changed_at: Timestamp }),
});
