import type { EventContract } from "../../contracts/define.ts";
import { type EventBinding, on } from "../module.ts";
import type { FlagRollout } from "./bucket.ts";

/**
 * The subscription a module that reads flags declares (`events: [followFlags(<the system's flag event>), ...]`):
 * each announcement replaces its process's copy of the rollout. A broadcast, because the copy is the process's:
 * every replica hears each change, not one of them. No inbox: keeping the newest version is idempotent by itself.
 */
export const followFlags = (changed: EventContract): EventBinding<EventContract> =>
  on(
    changed,
    async (announced, ctx) => {
      const { changed_at: _at, ...rollout } = announced as FlagRollout & { changed_at?: string };
      ctx.flags.learn(rollout);
    },
    { inbox: false, broadcast: true },
  );
