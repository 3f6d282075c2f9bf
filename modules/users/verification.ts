import { UserVerified } from "../../contracts/users/events.ts";
import { AppError, type ModuleContext } from "../../runtime/module-api/index.ts";
import { findUser } from "./accounts.ts";
import type { User } from "./entities.ts";
import { consumeToken } from "./one-time-tokens.ts";

/** Spends a verification token and marks its user's email verified (user.verified the first time only). */
export async function verifyEmail(ctx: ModuleContext, token: string): Promise<User> {
  const userId = await ctx.db.transaction(async (tx) => {
    const owner = await consumeToken(tx.em, token, "verify_email");
    if (!owner) throw new AppError("invalid_token", "the verification token is unknown, used or expired");
    const now = new Date();
    const changed = await tx.em.execute<{ id: string }[]>(
      `update "users"."users" set email_verified_at = ? where id = ? and email_verified_at is null returning id`,
      [now, owner],
    );
    if (changed.length > 0) tx.publish(UserVerified, { user_id: owner, verified_at: now.toISOString() });
    return owner;
  });
  return findUser(ctx, userId);
}
