import { InventoryCommitted } from "../../contracts/warehouse/events.ts";
import { AppError, type ModuleContext } from "../../runtime/module-api/index.ts";
import { committedEvent } from "./announcements.ts";
import { Reservation } from "./entities.ts";
import { releaseHeld } from "./release.ts";
import { shipHeldStock, totalsOf } from "./stock.ts";
import { type ReservationView, toReservationView } from "./views.ts";

/** Why a commit did not go through: no reservation, one held past its expiry, or one already released. */
type Refusal = "missing" | "lapsed" | "released";

/**
 * Held and unexpired → committed, and the stock leaves the shelf. Idempotent: a committed reservation is
 * answered as it is. Released, or held past its expiry (released now rather than left to the sweeper) →
 * `reservation_expired`.
 */
export async function commitReservation(ctx: ModuleContext, orderId: string): Promise<ReservationView> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<ReservationView | Refusal> => {
    // The row as committed comes back with the update (RETURNING), so the usual commit reads nothing more;
    // only a refused one is read, to tell why.
    const [taken] = await tx.em.execute<Record<string, unknown>[]>(
      `update "warehouse"."reservations" set status = 'committed', updated_at = ?::timestamptz
       where order_id = ? and status = 'held' and expires_at > ?::timestamptz returning *`,
      [now.toISOString(), orderId, now.toISOString()],
    );
    const reservation = taken ? tx.em.map(Reservation, taken) : await tx.em.findOne(Reservation, { orderId });
    if (!reservation) return "missing";
    if (!taken) {
      if (reservation.status === "committed") return toReservationView(reservation);
      return reservation.status === "held" ? "lapsed" : "released";
    }
    const stock = [];
    for (const [productId, quantity] of totalsOf(reservation.items)) stock.push(await shipHeldStock(tx.em, productId, quantity));
    tx.publish(InventoryCommitted, committedEvent(reservation, stock));
    return toReservationView(reservation);
  });
  if (typeof outcome !== "string") return outcome;
  if (outcome === "missing") throw new AppError("reservation_not_found", `no reservation for order ${orderId}`);
  if (outcome === "lapsed") await releaseHeld(ctx, orderId, "expired", now);
  throw new AppError("reservation_expired", `the reservation of order ${orderId} has expired or was released`);
}
