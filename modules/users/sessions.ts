import type { EntityManager } from "@mikro-orm/postgresql";
import { AppError, type ModuleContext, newId, type Principal } from "../../runtime/module-api/index.ts";
import { Session, User } from "./entities.ts";
import { passwordMatches } from "./passwords.ts";
import { digest, newSecret } from "./secrets.ts";
import type { UsersContext } from "./settings.ts";

/** last_seen_at is advisory; writing it at most this often keeps authentication a read almost always. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

export interface OpenedSession {
  readonly token: string;
  readonly session: Session;
}

/**
 * Signs in: a new session per login, so each device can be listed and signed out on its own. Wrong email
 * and wrong password are indistinguishable, in message and in time.
 */
export async function login(ctx: UsersContext, credentials: { email: string; password: string }, device: string): Promise<OpenedSession> {
  const user = await ctx.db.em().findOne(User, { email: credentials.email });
  if (!user || !(await passwordMatches(credentials.password, user.passwordHash, ctx.settings))) {
    throw new AppError("invalid_credentials", "email or password is wrong");
  }
  const token = newSecret();
  const session = await ctx.db.transaction(async (tx) => {
    const now = new Date();
    return tx.em.create(Session, {
      id: newId(),
      userId: user.id,
      tokenHash: digest(token),
      device,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.settings.SESSION_TTL_MS),
      revokedAt: null,
    });
  });
  return { token, session };
}

/** Whose live session the bearer token is; unknown, revoked or expired → unauthenticated. */
export async function authenticate(ctx: ModuleContext, token: string): Promise<Principal> {
  const now = new Date();
  const [row] = await ctx.db.em().execute<{ id: string; user_id: string; verified: boolean; stale: boolean }[]>(
    `select s.id, s.user_id, u.email_verified_at is not null as verified, s.last_seen_at < ? as stale
     from "users"."sessions" s join "users"."users" u on u.id = s.user_id
     where s.token_hash = ? and s.revoked_at is null and s.expires_at > ?`,
    [new Date(now.getTime() - LAST_SEEN_GRANULARITY_MS), digest(token), now],
  );
  if (!row) throw new AppError("unauthenticated", "the session is unknown, expired or signed out");
  if (row.stale) {
    await ctx.db.transaction((tx) =>
      tx.em.execute(`update "users"."sessions" set last_seen_at = ? where id = ? and last_seen_at < ?`, [now, row.id, now]),
    );
  }
  return { user_id: row.user_id, session_id: row.id, email_verified: row.verified };
}

/** The user's sessions that still work, newest first. */
export const activeSessions = (ctx: ModuleContext, userId: string): Promise<Session[]> =>
  ctx.db.em().find(Session, { userId, revokedAt: null, expiresAt: { $gt: new Date() } }, { orderBy: { createdAt: "desc", id: "desc" } });

/** Signs one of the user's sessions out; someone else's (or no) session is not found. Revoking twice is fine. */
export async function revokeSession(ctx: ModuleContext, userId: string, sessionId: string): Promise<void> {
  const found = await ctx.db.transaction(async (tx) => {
    const rows = await tx.em.execute<{ id: string }[]>(
      `update "users"."sessions" set revoked_at = coalesce(revoked_at, ?) where id = ? and user_id = ? returning id`,
      [new Date(), sessionId, userId],
    );
    return rows.length > 0;
  });
  if (!found) throw new AppError("not_found", "no such session");
}

/** Signs the user out everywhere (inside the caller's transaction); answers how many sessions were live. */
export async function revokeAllSessions(em: EntityManager, userId: string): Promise<number> {
  const now = new Date();
  const rows = await em.execute<{ id: string }[]>(
    `update "users"."sessions" set revoked_at = ? where user_id = ? and revoked_at is null and expires_at > ? returning id`,
    [now, userId, now],
  );
  return rows.length;
}
