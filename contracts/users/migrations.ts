import * as v from "valibot";
import type { Migration } from "../define.ts";
import { Id } from "../ids.ts";

/**
 * users 2.0.0, seed 000's bug: a migration gave users integer keys and users.authenticate started answering
 * `user_id` as that number, under the same message version. Every module that reads whose session it is (exams
 * among them) reads a string. Our ids were always opaque strings, so the type change runs string → integer, the
 * mirror of the seed's integer → string; it is the same break. Never deployed: the skew case runs it.
 */
export const integerUserIds: Migration = {
  release: "2.0.0",
  reply: v.object({ user_id: v.pipe(v.number(), v.integer()), session_id: Id, email_verified: v.boolean() }),
  migrate: (reply) => {
    const { user_id, ...rest } = reply as { user_id: string };
    return { ...rest, user_id: integerKey(user_id) };
  },
};

/** A stable positive integer for a string id, as the migration's key column would hold. */
function integerKey(id: string): number {
  let key = 7;
  for (const char of id) key = (key * 31 + char.charCodeAt(0)) % 2_147_483_647;
  return key;
}
