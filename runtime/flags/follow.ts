import { FlagChanged } from "../../contracts/flags/events.ts";
import { on } from "../module.ts";

/**
 * The subscription a module that reads flags declares (`events: [followFlags, ...]`): each `flag.changed`
 * replaces its process's copy of the rollout. No inbox: keeping the newest version is idempotent by itself.
 */
export const followFlags = on(FlagChanged, async ({ changed_at: _at, ...rollout }, ctx) => ctx.flags.learn(rollout), { inbox: false });
