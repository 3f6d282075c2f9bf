import * as v from "valibot";
import { Address } from "../common/address.ts";
import { Id, Timestamp } from "../ids.ts";

export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email("must be an email address"));
const PersonName = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200));
const Password = v.pipe(v.string(), v.minLength(8, "must be at least 8 characters"), v.maxLength(200));
const Token = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** Operator API: create a user directly (the TestMesh flow). */
export const CreateUserBody = v.object({ name: PersonName, email: Email });
export type CreateUserBody = v.InferOutput<typeof CreateUserBody>;

export const UserView = v.object({ id: Id, name: v.string(), email: v.string(), created_at: Timestamp });
export type UserView = v.InferOutput<typeof UserView>;

export const RegisterBody = v.object({ email: Email, password: Password, name: v.optional(PersonName) });
export const LoginBody = v.object({
  email: Email,
  password: v.pipe(v.string(), v.maxLength(200)),
  device: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
});
export const VerifyEmailBody = v.object({ token: Token });
export const ForgotPasswordBody = v.object({ email: Email });
export const ResetPasswordBody = v.object({ token: Token, password: Password });
export const ProfileBody = v.object({
  name: PersonName,
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 ()-]{5,20}$/, "must be a phone number"))),
  address: v.optional(Address),
});

export const ProfileView = v.object({
  id: Id,
  email: v.string(),
  name: v.nullable(v.string()),
  phone: v.nullable(v.string()),
  address: v.nullable(Address),
  email_verified: v.boolean(),
  profile_complete: v.boolean(),
  created_at: Timestamp,
});
export type ProfileView = v.InferOutput<typeof ProfileView>;

export const LoginView = v.object({ token: v.string(), session_id: Id, user_id: Id, expires_at: Timestamp });

export const SessionView = v.object({
  id: Id,
  device: v.string(),
  created_at: Timestamp,
  last_seen_at: Timestamp,
  current: v.boolean(),
});
export const SessionList = v.object({ sessions: v.array(SessionView) });

/** Forgot-password answers the same whether or not the email has an account. */
export const ForgotPasswordView = v.object({ status: v.literal("accepted") });
export const ResetPasswordView = v.object({ status: v.literal("password_reset") });
