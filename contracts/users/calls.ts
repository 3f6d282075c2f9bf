import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";

/** Does this user exist, and who are they? Orders asks before it accepts an order. */
export const GetUser = defineCall({
  name: "users.get",
  owner: "users",
  request: v.object({ user_id: Id }),
  reply: v.object({ id: Id, name: v.string(), email: v.string() }),
  errors: ["user_not_found"],
});
