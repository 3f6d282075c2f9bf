import type { EntityManager } from "@mikro-orm/postgresql";
import { type FlagName, flagNames } from "../../contracts/flags/flags.ts";
import type { Rollout } from "../../contracts/flags/rollout.ts";
import { FlagRow } from "./entities.ts";

/** A flag nobody has set: off for everyone. */
const unset = (name: FlagName): Rollout => ({ name, enabled: false, percentage: 0, users: [], version: 0 });

const rolloutOf = (row: FlagRow): Rollout => ({
  name: row.name as FlagName,
  enabled: row.enabled,
  percentage: row.percentage,
  users: row.users,
  version: row.version,
});

/** One flag's rollout and when it was last set (null: never). */
export async function readRollout(em: EntityManager, name: FlagName): Promise<{ rollout: Rollout; updatedAt: Date | null }> {
  const row = await em.findOne(FlagRow, { name });
  return row ? { rollout: rolloutOf(row), updatedAt: row.updatedAt } : { rollout: unset(name), updatedAt: null };
}

/** Every flag of the system, in the catalogue's order, set or not. */
export async function readRollouts(em: EntityManager): Promise<{ rollout: Rollout; updatedAt: Date | null }[]> {
  const rows = new Map((await em.find(FlagRow, {})).map((row) => [row.name, row]));
  return flagNames.map((name) => {
    const row = rows.get(name);
    return row ? { rollout: rolloutOf(row), updatedAt: row.updatedAt } : { rollout: unset(name), updatedAt: null };
  });
}
