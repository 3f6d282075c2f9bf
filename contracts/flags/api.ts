import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";
import { FlagName } from "./flags.ts";
import { MAX_FLAG_USERS, Percentage, Rollout } from "./rollout.ts";

/** Operator API: a flag's whole rollout (PUT replaces it; `users` left out is an empty allow list). */
export const SetFlagBody = v.object({
  enabled: v.boolean(),
  percentage: Percentage,
  users: v.optional(v.pipe(v.array(Id), v.maxLength(MAX_FLAG_USERS)), []),
});
export type SetFlagBody = v.InferOutput<typeof SetFlagBody>;

export const FlagView = v.object({
  ...Rollout.entries,
  description: v.string(),
  /** When it was last set; null while it never was (off). */
  updated_at: v.nullable(Timestamp),
});
export type FlagView = v.InferOutput<typeof FlagView>;

export const FlagList = v.object({ flags: v.array(FlagView) });

/** Whether a flag is on for one user, and the bucket (0–99) that user has for it. */
export const FlagDecision = v.object({ name: FlagName, user_id: Id, bucket: v.number(), on: v.boolean() });
