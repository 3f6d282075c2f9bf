import type { BackgroundTask, ModuleContext } from "../../runtime/module.ts";
import { releaseHeld } from "./release.ts";

const BATCH = 100;

const expiredOrders = (ctx: ModuleContext, now: Date): Promise<{ order_id: string }[]> =>
  ctx.db
    .em()
    .execute(`select order_id from "warehouse"."reservations" where status = 'held' and expires_at <= ?::timestamptz order by expires_at limit ?`, [
      now.toISOString(),
      BATCH,
    ]);

/** Gives back the stock of reservations nobody committed in time (reason "expired"). */
export const expireReservations: BackgroundTask = {
  name: "expire-reservations",
  every: (config) => config.setting("RESERVATION_SWEEP_MS", 1000),
  run: async (ctx) => {
    for (;;) {
      const now = new Date();
      const due = await expiredOrders(ctx, now);
      for (const { order_id } of due) await releaseHeld(ctx, order_id, "expired", now);
      if (due.length < BATCH) return;
    }
  },
  due: async (ctx) => {
    const [row] = await ctx.db
      .em()
      .execute<{ due: number | string }[]>(`select count(*) as due from "warehouse"."reservations" where status = 'held' and expires_at <= ?::timestamptz`, [
        new Date().toISOString(),
      ]);
    return Number(row?.due ?? 0);
  },
};
