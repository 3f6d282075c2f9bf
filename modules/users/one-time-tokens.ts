import type { EntityManager } from "@mikro-orm/postgresql";
import { newId } from "../../runtime/module-api/index.ts";
import { OneTimeToken, type TokenPurpose } from "./entities.ts";
import { digest, newSecret } from "./secrets.ts";

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Creates a token for the user (inside the caller's transaction); the plain token goes out only in an event. */
export function issueToken(em: EntityManager, userId: string, purpose: TokenPurpose, ttlMs: number): IssuedToken {
  const token = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  em.create(OneTimeToken, { id: newId(), userId, purpose, tokenHash: digest(token), expiresAt, createdAt: now });
  return { token, expiresAt };
}

/** Spends every unused token of a purpose, so only the newest one issued after this works. */
export async function voidTokens(em: EntityManager, userId: string, purpose: TokenPurpose): Promise<void> {
  await em.execute(`update "users"."one_time_tokens" set consumed_at = ? where user_id = ? and purpose = ? and consumed_at is null`, [
    new Date(),
    userId,
    purpose,
  ]);
}

/** Whether the token would be accepted now: a cheap check before expensive work (hashing a password). */
export async function tokenIsLive(em: EntityManager, token: string, purpose: TokenPurpose): Promise<boolean> {
  const rows = await em.execute(
    `select 1 from "users"."one_time_tokens" where token_hash = ? and purpose = ? and consumed_at is null and expires_at > ?`,
    [digest(token), purpose, new Date()],
  );
  return rows.length > 0;
}

/**
 * Spends the token and answers whose it was, or null when it is unknown, used or expired. The update is
 * conditional, so two concurrent uses of one token cannot both succeed.
 */
export async function consumeToken(em: EntityManager, token: string, purpose: TokenPurpose): Promise<string | null> {
  const now = new Date();
  const rows = await em.execute<{ user_id: string }[]>(
    `update "users"."one_time_tokens" set consumed_at = ?
     where token_hash = ? and purpose = ? and consumed_at is null and expires_at > ? returning user_id`,
    [now, digest(token), purpose, now],
  );
  return rows[0]?.user_id ?? null;
}
