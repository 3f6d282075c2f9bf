import { defineEntity, type InferEntity, p } from "@mikro-orm/core";
import type { Address } from "../../contracts/common/address.ts";

/**
 * A person: created by an operator (no password, verified) or by registering (password, unverified until
 * they use the token mailed to them).
 */
export const User = defineEntity({
  name: "User",
  tableName: "users",
  schema: "users",
  properties: {
    id: p.string().primary(),
    name: p.string().nullable(),
    email: p.string().unique(),
    passwordHash: p.string().nullable(),
    emailVerifiedAt: p.datetime().nullable(),
    phone: p.string().nullable(),
    address: p.json<Address>().nullable(),
    /** Registered by a synthetic transaction (`twofold synthetic`): the operator may remove it, and only such a user. */
    synthetic: p.boolean().default(false),
    createdAt: p.datetime(),
  },
});
export type User = InferEntity<typeof User>;

/** One signed-in device. Only the SHA-256 of its bearer token is kept, so a database leak signs no one in. */
export const Session = defineEntity({
  name: "Session",
  tableName: "sessions",
  schema: "users",
  properties: {
    id: p.string().primary(),
    userId: p.string().index(),
    tokenHash: p.string().unique(),
    device: p.string(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  },
});
export type Session = InferEntity<typeof Session>;

export type TokenPurpose = "verify_email" | "reset_password";

/** A single-use token sent by mail (email verification, password reset); stored as its SHA-256 only. */
export const OneTimeToken = defineEntity({
  name: "OneTimeToken",
  tableName: "one_time_tokens",
  schema: "users",
  properties: {
    id: p.string().primary(),
    userId: p.string(),
    purpose: p.string().$type<TokenPurpose>(),
    tokenHash: p.string().unique(),
    expiresAt: p.datetime(),
    consumedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
  indexes: [{ properties: ["userId", "purpose"] }],
});
export type OneTimeToken = InferEntity<typeof OneTimeToken>;
