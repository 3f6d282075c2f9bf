import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { UserCreated, VerificationRequested } from "../../contracts/users/events.ts";
import { AppError, isSynthetic, type ModuleContext, newId, type Tx } from "../../runtime/module-api/index.ts";
import { OneTimeToken, Session, User } from "./entities.ts";
import { issueToken } from "./one-time-tokens.ts";
import { hashPassword } from "./passwords.ts";
import type { UsersContext } from "./settings.ts";

/** Publishes user.created for a user just written (in the caller's transaction). */
export const announceUser = (tx: Tx, user: User): void => {
  tx.publish(UserCreated, { user_id: user.id, name: user.name ?? "", email: user.email, created_at: user.createdAt.toISOString() });
};

/** Issues a verification token and mails it in user.verification_requested (in the caller's transaction). */
export const requestVerification = (tx: Tx, user: User, ttlMs: number): void => {
  const { token, expiresAt } = issueToken(tx.em, user.id, "verify_email", ttlMs);
  tx.publish(VerificationRequested, { user_id: user.id, email: user.email, token, expires_at: expiresAt.toISOString() });
};

/** Creates a user and publishes user.created; the unique email index decides races (→ email_taken). */
async function createUser(
  ctx: UsersContext,
  fields: { name: string | null; email: string; passwordHash: string | null; verified: boolean },
): Promise<User> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const now = new Date();
      const user = tx.em.create(User, {
        id: newId(),
        name: fields.name,
        email: fields.email,
        passwordHash: fields.passwordHash,
        emailVerifiedAt: fields.verified ? now : null,
        phone: null,
        address: null,
        synthetic: isSynthetic(),
        createdAt: now,
      });
      announceUser(tx, user);
      if (!fields.verified) requestVerification(tx, user, ctx.settings.VERIFY_TOKEN_TTL_MS);
      return user;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new AppError("email_taken", `a user with email ${fields.email} already exists`);
    }
    throw error;
  }
}

/** The operator's user: no password (they set one through a reset) and vouched for, so verified. */
export const createByOperator = (ctx: UsersContext, body: { name: string; email: string }): Promise<User> =>
  createUser(ctx, { name: body.name, email: body.email, passwordHash: null, verified: true });

/** Self-service sign-up: unverified until the token sent in user.verification_requested comes back. */
export async function register(ctx: UsersContext, body: { email: string; password: string; name?: string }): Promise<User> {
  const passwordHash = await hashPassword(body.password, ctx.settings);
  return createUser(ctx, { name: body.name ?? null, email: body.email, passwordHash, verified: false });
}

/** How a synthetic transaction cleans up after itself: its user, sessions and tokens. A real user is never removed. */
export async function removeSyntheticUser(ctx: UsersContext, id: string): Promise<void> {
  await ctx.db.transaction(async ({ em }) => {
    const user = await em.findOne(User, { id });
    if (!user) throw new AppError("user_not_found", `no user ${id}`);
    if (!user.synthetic) throw new AppError("not_synthetic", "only a synthetic transaction's user can be removed");
    await em.nativeDelete(Session, { userId: id });
    await em.nativeDelete(OneTimeToken, { userId: id });
    await em.nativeDelete(User, { id });
  });
}

/** A user by id, or user_not_found. */
export async function findUser(ctx: ModuleContext, id: string): Promise<User> {
  const user = await ctx.db.em().findOne(User, { id });
  if (!user) throw new AppError("user_not_found", `no user ${id}`);
  return user;
}
