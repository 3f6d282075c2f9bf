import { ReadFlag } from "../../contracts/flags/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { readRollout } from "./rollouts.ts";

/** A flag's rollout for a process that has no copy yet (or an old one). */
export const readFlag = answer(ReadFlag, async ({ name }, ctx) => (await readRollout(ctx.db.em(), name)).rollout);
