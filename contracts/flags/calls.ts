import * as v from "valibot";
import { defineCall } from "../define.ts";
import { FlagName } from "./flags.ts";
import { Rollout } from "./rollout.ts";

/** A flag's rollout as it is now (version 0, off, when nobody has set it): what a process reads on a miss. */
export const ReadFlag = defineCall({
  name: "flags.read",
  owner: "flags",
  request: v.object({ name: FlagName }),
  reply: Rollout,
  retrySafe: true,
});
