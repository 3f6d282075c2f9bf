import { type BackgroundTask, inConversation, type ModuleContext, newId } from "../../runtime/module-api/index.ts";
import { releaseHeld } from "./release.ts";
import type { warehouseSettings } from "./settings.ts";

const BATCH = 100;

interface Expired {
  order_id: string;
  correlation_id: string | null;
  causation_id: string | null;
}

const expiredOrders = (ctx: ModuleContext, now: Date): Promise<Expired[]> =>
  ctx.db.em().execute(
    `select order_id, correlation_id, causation_id from "warehouse"."reservations"
       where status = 'held' and expires_at <= ?::timestamptz order by expires_at limit ?`,
    [now.toISOString(), BATCH],
  );

/**
 * Gives back the stock of reservations nobody committed in time (reason "expired"). Each release is published
 * in the conversation that made the reservation, so a trace shows the same `inventory.released` whether this
 * sweep or a late commit (commit.ts) got to it first.
 */
export const expireReservations: BackgroundTask<typeof warehouseSettings> = {
  name: "expire-reservations",
  every: (settings) => settings.RESERVATION_SWEEP_MS,
  run: async (ctx) => {
    for (;;) {
      const now = ctx.clock.now();
      const due = await expiredOrders(ctx, now);
      for (const row of due) {
        const conversation = { correlationId: row.correlation_id ?? newId(), causationId: row.causation_id };
        await inConversation(conversation, () => releaseHeld(ctx, row.order_id, "expired", now));
      }
      if (due.length < BATCH) return;
    }
  },
  due: async (ctx) => {
    const [row] = await ctx.db
      .em()
      .execute<{ due: number | string }[]>(
        `select count(*) as due from "warehouse"."reservations" where status = 'held' and expires_at <= ?::timestamptz`,
        [ctx.clock.now().toISOString()],
      );
    return Number(row?.due ?? 0);
  },
};
