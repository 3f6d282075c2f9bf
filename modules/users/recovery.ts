import { PasswordChanged, PasswordResetRequested } from "../../contracts/users/events.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { User } from "./entities.ts";
import { consumeToken, issueToken, tokenIsLive, voidTokens } from "./one-time-tokens.ts";
import { hashPassword } from "./passwords.ts";
import { revokeAllSessions } from "./sessions.ts";
import type { UsersContext } from "./settings.ts";

const invalidToken = () => new AppError("invalid_token", "the reset token is unknown, used or expired");

/**
 * Mails a reset token when the email belongs to someone, and says nothing either way. A new request voids
 * older unused tokens, so only the latest mail works.
 */
export async function requestPasswordReset(ctx: UsersContext, email: string): Promise<void> {
  const user = await ctx.db.em().findOne(User, { email });
  if (!user) return;
  const resetTokenTtlMs = ctx.settings.RESET_TOKEN_TTL_MS;
  await ctx.db.transaction(async (tx) => {
    await voidTokens(tx.em, user.id, "reset_password");
    const { token, expiresAt } = issueToken(tx.em, user.id, "reset_password", resetTokenTtlMs);
    tx.publish(PasswordResetRequested, { user_id: user.id, email: user.email, token, expires_at: expiresAt.toISOString() });
  });
}

/**
 * Account recovery: the token proves control of the mailbox, so it sets a new password and signs the user
 * out everywhere (whoever had the old password loses their sessions too).
 */
export async function resetPassword(ctx: UsersContext, token: string, password: string): Promise<void> {
  if (!(await tokenIsLive(ctx.db.em(), token, "reset_password"))) throw invalidToken();
  const passwordHash = await hashPassword(password, ctx.settings);
  await ctx.db.transaction(async (tx) => {
    const userId = await consumeToken(tx.em, token, "reset_password");
    if (!userId) throw invalidToken();
    await tx.em.execute(`update "users"."users" set password_hash = ? where id = ?`, [passwordHash, userId]);
    const revoked = await revokeAllSessions(tx.em, userId);
    tx.publish(PasswordChanged, { user_id: userId, revoked_sessions: revoked, changed_at: new Date().toISOString() });
  });
}
