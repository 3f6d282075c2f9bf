import type { UserView } from "../../contracts/users/api.ts";
import type { User } from "./entities.ts";

export const toUserView = (user: User): UserView => ({
  id: user.id,
  name: user.name,
  email: user.email,
  created_at: user.createdAt.toISOString(),
});
