import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Timestamp } from "../ids.ts";
import { Rollout } from "./rollout.ts";

/** The operator changed a flag: its whole new rollout, so a process's copy is replaced without a call. */
export const FlagChanged = defineEvent({
  type: "flag.changed",
  owner: "flags",
  payload: v.object({ ...Rollout.entries, changed_at: Timestamp }),
});
