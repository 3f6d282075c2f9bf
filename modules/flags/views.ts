import type { FlagView } from "../../contracts/flags/api.ts";
import { featureFlags } from "../../contracts/flags/flags.ts";
import type { Rollout } from "../../contracts/flags/rollout.ts";

export const toFlagView = ({ rollout, updatedAt }: { rollout: Rollout; updatedAt: Date | null }): FlagView => ({
  ...rollout,
  description: featureFlags[rollout.name],
  updated_at: updatedAt ? updatedAt.toISOString() : null,
});
