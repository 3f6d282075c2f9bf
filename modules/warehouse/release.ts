import { InventoryReleased } from "../../contracts/warehouse/events.ts";
import { AppError, type ModuleContext, newId } from "../../runtime/module-api/index.ts";
import { releasedEvent } from "./announcements.ts";
import { Reservation } from "./entities.ts";
import { totalsOf, unholdStock } from "./stock.ts";

/**
 * Releases an order's reservation if it is still held (and, with `expiredBy`, only if it had expired by then)
 * and gives its stock back. The status change is conditional, so of a commit and a release racing for the
 * same reservation exactly one wins. Returns whether this call released it.
 */
export function releaseHeld(ctx: ModuleContext, orderId: string, reason: string, expiredBy?: Date): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const released = await tx.em.execute<{ id: string }[]>(
      `update "warehouse"."reservations" set status = 'released', release_reason = ?, updated_at = ?::timestamptz
       where order_id = ? and status = 'held' ${expiredBy ? "and expires_at <= ?::timestamptz" : ""} returning id`,
      [reason, ctx.clock.now().toISOString(), orderId, ...(expiredBy ? [expiredBy.toISOString()] : [])],
    );
    if (released.length === 0) return false;
    const reservation = await tx.em.findOneOrFail(Reservation, { orderId });
    const stock = [];
    for (const [productId, quantity] of totalsOf(reservation.items)) stock.push(await unholdStock(tx.em, productId, quantity));
    tx.publish(InventoryReleased, releasedEvent(reservation, reason, stock));
    return true;
  });
}

/**
 * The saga's compensation: idempotent, a no-op for released reservations; a sale cannot be undone here. An order
 * with no reservation yet gets a released one with nothing in it: a reserve call the saga gave up on may still
 * be on its way (queued at a stalled warehouse), and arriving after its release it must find the order released
 * instead of holding stock for an order that is gone until the reservation expires (split-stall.test.ts).
 */
export async function releaseReservation(ctx: ModuleContext, orderId: string, reason: string): Promise<{ order_id: string; released: boolean }> {
  if (await releaseHeld(ctx, orderId, reason)) return { order_id: orderId, released: true };
  if (await releasedBeforeReserved(ctx, orderId, reason)) return { order_id: orderId, released: false };
  // A reservation came first after all (its reserve committed between the two statements above): release it.
  if (await releaseHeld(ctx, orderId, reason)) return { order_id: orderId, released: true };
  const reservation = await ctx.db.em().findOne(Reservation, { orderId });
  if (reservation?.status === "committed") throw new AppError("reservation_committed", `the reservation of order ${orderId} is already committed`);
  return { order_id: orderId, released: false };
}

/** Records the order's reservation as released, holding nothing, unless it has one: answers whether it did. */
async function releasedBeforeReserved(ctx: ModuleContext, orderId: string, reason: string): Promise<boolean> {
  const now = ctx.clock.now().toISOString();
  const inserted = await ctx.db.em().execute<{ id: string }[]>(
    `insert into "warehouse"."reservations" (id, order_id, status, items, expires_at, release_reason, created_at, updated_at)
     values (?, ?, 'released', '[]'::jsonb, ?::timestamptz, ?, ?::timestamptz, ?::timestamptz)
     on conflict (order_id) do nothing returning id`,
    [newId(), orderId, now, reason, now, now],
  );
  return inserted.length === 1;
}
