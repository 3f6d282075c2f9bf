import type { Address } from "../../contracts/common/address.ts";
import { AppError, type ModuleContext } from "../../runtime/module-api/index.ts";
import { User } from "./entities.ts";

export interface ProfileChange {
  readonly name: string;
  readonly phone?: string;
  readonly address?: Address;
}

/** Replaces the profile (PUT): a field left out is cleared. */
export const updateProfile = (ctx: ModuleContext, userId: string, change: ProfileChange): Promise<User> =>
  ctx.db.transaction(async (tx) => {
    const user = await tx.em.findOne(User, { id: userId });
    if (!user) throw new AppError("user_not_found", `no user ${userId}`);
    user.name = change.name;
    user.phone = change.phone ?? null;
    user.address = change.address ?? null;
    return user;
  });
