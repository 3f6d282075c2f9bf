import type { SetFlagBody } from "../../contracts/flags/api.ts";
import { FlagChanged } from "../../contracts/flags/events.ts";
import type { FlagName } from "../../contracts/flags/flags.ts";
import type { Rollout } from "../../contracts/flags/rollout.ts";
import type { ModuleContext } from "../../runtime/module-api/index.ts";

/**
 * The operator replaces a flag's rollout: one more version, and `flag.changed` in the same transaction, so
 * every process that reads the flag learns it. One statement, so two changes at once get two versions.
 */
export async function setFlag(ctx: ModuleContext, name: FlagName, body: SetFlagBody): Promise<{ rollout: Rollout; updatedAt: Date }> {
  const users = [...new Set(body.users)];
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.em.execute<{ version: number }[]>(
      `insert into "flags"."flags" (name, enabled, percentage, users, version, updated_at) values (?, ?, ?, ?::jsonb, 1, ?)
       on conflict (name) do update set enabled = excluded.enabled, percentage = excluded.percentage, users = excluded.users,
         version = "flags"."flags".version + 1, updated_at = excluded.updated_at
       returning version`,
      [name, body.enabled, body.percentage, JSON.stringify(users), now],
    );
    const rollout: Rollout = { name, enabled: body.enabled, percentage: body.percentage, users, version: Number(row?.version) };
    tx.publish(FlagChanged, { ...rollout, changed_at: now.toISOString() });
    return { rollout, updatedAt: now };
  });
}
