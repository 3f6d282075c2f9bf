import { GetUser } from "../../contracts/users/calls.ts";
import { AppError } from "../../runtime/errors.ts";
import { answer } from "../../runtime/module.ts";
import { User } from "./entities.ts";

export const getUser = answer(GetUser, async ({ user_id }, ctx) => {
  const user = await ctx.db.em().findOne(User, { id: user_id });
  if (!user) throw new AppError("user_not_found", `no user ${user_id}`);
  return { id: user.id, name: user.name, email: user.email };
});
