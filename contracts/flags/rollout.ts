import * as v from "valibot";
import { Id } from "../ids.ts";
import { FlagName } from "./flags.ts";

/** A share of users, in whole percent. */
export const Percentage = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));

/** At most this many users in a flag's allow list: it is for staff and beta testers, not a segment. */
export const MAX_FLAG_USERS = 100;

/**
 * Who a flag is on for (runtime/flags/bucket.ts decides): nobody while `enabled` is false; else every user
 * in `users`, and every user whose bucket of the flag is below `percentage`. `version` grows with every
 * change, so a reader keeps the newest of the copies it is sent.
 */
export const Rollout = v.object({
  name: FlagName,
  enabled: v.boolean(),
  percentage: Percentage,
  users: v.pipe(v.array(Id), v.maxLength(MAX_FLAG_USERS)),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type Rollout = v.InferOutput<typeof Rollout>;
