import { isFlagName } from "../../contracts/flags/flags.ts";
import { AppError, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { readRollout } from "./rollouts.ts";
import { setFlag } from "./set-flag.ts";

const flagNamed = (params: Readonly<Record<string, string | number | boolean>>) => {
  const name = String(params.name);
  if (!isFlagName(name)) throw new AppError("flag_not_found", `no flag "${name}"`);
  return name;
};

/**
 * The states the readers of flags name. Neither changes who a flag is on for: contract verification runs
 * in the middle of a harness run, whose flags (`bun run harness --flag`) must stay as they were set.
 */
export const flagsProviderStates: Record<string, ProviderStateHandler> = {
  "flag exists": async (_ctx, params) => {
    flagNamed(params);
  },

  /** Sets the flag to the rollout it has, which announces it again (one version more). */
  "flag has just been set": async (ctx, params) => {
    const { rollout } = await readRollout(ctx.db.em(), flagNamed(params));
    await setFlag(ctx, rollout.name, { enabled: rollout.enabled, percentage: rollout.percentage, users: rollout.users });
  },
};
