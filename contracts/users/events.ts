import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

export const UserCreated = defineEvent({
  type: "user.created",
  owner: "users",
  payload: v.object({ user_id: Id, name: v.string(), email: v.string(), created_at: Timestamp }),
});
