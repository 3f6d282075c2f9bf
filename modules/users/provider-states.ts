import type { EntityManager } from "@mikro-orm/postgresql";
import { AppError, type ModuleContext, newId, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { announceUser, requestVerification } from "./accounts.ts";
import { User } from "./entities.ts";
import { requestPasswordReset } from "./recovery.ts";
import { digest } from "./secrets.ts";
import type { usersSettings } from "./settings.ts";

interface Someone {
  readonly user_id: string;
  readonly email?: string;
  readonly name?: string;
}

/** A contract's user, written once under the given id. The email follows from the id unless given, so two ids never collide on it. */
async function ensureUser(em: EntityManager, who: Someone): Promise<User> {
  await em.execute(
    `insert into "users"."users" (id, name, email, password_hash, email_verified_at, phone, address, created_at)
     values (?, ?, ?, null, null, null, null, ?) on conflict do nothing`,
    [who.user_id, who.name ?? "Contract Customer", who.email ?? `${who.user_id}@contracts.example`, new Date()],
  );
  return em.findOneOrFail(User, { id: who.user_id });
}

const someone = (params: Readonly<Record<string, unknown>>): Someone => params as unknown as Someone;

const inTransaction = <T>(ctx: ModuleContext, work: (em: EntityManager) => Promise<T>): Promise<T> => ctx.db.transaction(({ em }) => work(em));

/** The states the consumers of users.get, users.authenticate and the user events name. */
export const usersProviderStates: Record<string, ProviderStateHandler<typeof usersSettings>> = {
  "user exists": async (ctx, params) => {
    await inTransaction(ctx, (em) => ensureUser(em, someone(params)));
  },

  /** A name and an address: what the profile calls complete. */
  "user has completed their profile": async (ctx, params) => {
    const address = {
      name: String(params.name ?? "Contract Customer"),
      street: "1 Contract Way",
      city: "London",
      postal_code: "N1 1AA",
      country: "GB",
    };
    await inTransaction(ctx, async (em) => {
      const user = await ensureUser(em, someone(params));
      await em.execute(`update "users"."users" set name = ?, address = ?::jsonb where id = ?`, [address.name, JSON.stringify(address), user.id]);
    });
  },

  "no such user": async (ctx, params) => {
    const user = await ctx.db.em().findOne(User, { id: String(params.user_id) });
    if (user) throw new AppError("precondition_failed", `user ${user.id} exists`);
  },

  /** Only the token's hash is stored, as login stores it; the session is made live again if it was signed out. */
  "session belongs to user": (ctx, params) => {
    const { token, email_verified } = params as { token: string; email_verified: boolean };
    const now = new Date();
    return inTransaction(ctx, async (em) => {
      const user = await ensureUser(em, someone(params));
      await em.execute(`update "users"."users" set email_verified_at = ? where id = ?`, [email_verified ? now : null, user.id]);
      await em.execute(
        `insert into "users"."sessions" (id, user_id, token_hash, device, created_at, last_seen_at, expires_at, revoked_at)
         values (?, ?, ?, 'contract verification', ?, ?, ?, null)
         on conflict (token_hash) do update set user_id = excluded.user_id, expires_at = excluded.expires_at, revoked_at = null`,
        [newId(), user.id, digest(token), now, now, new Date(now.getTime() + ctx.settings.SESSION_TTL_MS)],
      );
    });
  },

  "no such session": async (ctx, params) => {
    await inTransaction(ctx, (em) =>
      em.execute(`update "users"."sessions" set revoked_at = coalesce(revoked_at, ?) where token_hash = ?`, [
        new Date(),
        digest(String(params.token)),
      ]),
    );
  },

  "user has just been created": (ctx, params) => ctx.db.transaction(async (tx) => announceUser(tx, await ensureUser(tx.em, someone(params)))),

  "user has just asked to verify their email": (ctx, params) =>
    ctx.db.transaction(async (tx) => requestVerification(tx, await ensureUser(tx.em, someone(params)), ctx.settings.VERIFY_TOKEN_TTL_MS)),

  "user has just asked to reset their password": async (ctx, params) => {
    const user = await inTransaction(ctx, (em) => ensureUser(em, someone(params)));
    await requestPasswordReset(ctx, user.email);
  },
};
