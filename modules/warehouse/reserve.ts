import type * as v from "valibot";
import type { ProductQuantity } from "../../contracts/common/quantity.ts";
import { InventoryInsufficient, InventoryReserved } from "../../contracts/warehouse/events.ts";
import type { Shortfall as ShortfallSchema, StockLevel } from "../../contracts/warehouse/stock.ts";
import { AppError, currentConversation, newId } from "../../runtime/module-api/index.ts";
import { reservedEvent } from "./announcements.ts";
import { Reservation } from "./entities.ts";
import type { WarehouseContext } from "./settings.ts";
import { holdStock, stockLevels, totalsOf } from "./stock.ts";
import { type ReservationView, toReservationView } from "./views.ts";

export interface ReserveRequest {
  readonly order_id: string;
  readonly items: readonly ProductQuantity[];
  readonly ttl_ms?: number;
}

type Shortfall = v.InferOutput<typeof ShortfallSchema>;

/** Aborts the reservation's transaction, so the lines already held are rolled back with it. */
class Shortage extends Error {
  constructor(readonly shortfalls: Shortfall[]) {
    super("insufficient stock");
  }
}

/**
 * Holds every line or none. Idempotent by order id: an order that already has a reservation gets it back as
 * it is. On a shortfall nothing is held, `inventory.insufficient` is published on its own and the call fails
 * with `insufficient_stock` naming each short product (an unknown product has 0 available).
 */
export async function reserveStock(ctx: WarehouseContext, request: ReserveRequest): Promise<ReservationView> {
  const ttlMs = request.ttl_ms ?? ctx.settings.RESERVATION_TTL_MS;
  try {
    const conversation = currentConversation();
    return await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const reservationId = newId();
      const expiresAt = new Date(now.getTime() + ttlMs);
      // On Postgres a concurrent reservation for the same order makes this wait for it, then do nothing.
      const inserted = await tx.em.execute<{ id: string }[]>(
        `insert into "warehouse"."reservations" (id, order_id, status, items, expires_at, correlation_id, causation_id, created_at, updated_at)
         values (?, ?, 'held', ?::jsonb, ?::timestamptz, ?, ?, ?::timestamptz, ?::timestamptz)
         on conflict (order_id) do nothing returning id`,
        [
          reservationId,
          request.order_id,
          JSON.stringify(request.items),
          expiresAt.toISOString(),
          conversation?.correlationId ?? null,
          conversation?.causationId ?? null,
          now.toISOString(),
          now.toISOString(),
        ],
      );
      if (inserted.length === 0) return toReservationView(await tx.em.findOneOrFail(Reservation, { orderId: request.order_id }));

      const stock: StockLevel[] = [];
      const short: [productId: string, quantity: number][] = [];
      for (const [productId, quantity] of totalsOf(request.items)) {
        const held = await holdStock(tx.em, productId, quantity);
        if (held) stock.push(held);
        else short.push([productId, quantity]);
      }
      if (short.length > 0) {
        const levels = await stockLevels(
          tx.em,
          short.map(([productId]) => productId),
        );
        throw new Shortage(
          short.map(([productId, requested]) => ({ product_id: productId, requested, available: levels.get(productId)?.available ?? 0 })),
        );
      }
      const view: ReservationView = {
        reservation_id: reservationId,
        order_id: request.order_id,
        status: "held",
        expires_at: expiresAt.toISOString(),
        items: [...request.items],
      };
      tx.publish(InventoryReserved, reservedEvent(view, stock));
      return view;
    });
  } catch (error) {
    if (!(error instanceof Shortage)) throw error;
    await ctx.db.transaction(async (tx) => tx.publish(InventoryInsufficient, { order_id: request.order_id, shortfalls: error.shortfalls }));
    throw new AppError("insufficient_stock", `not enough stock for order ${request.order_id}`, error.shortfalls);
  }
}
