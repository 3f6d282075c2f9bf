import { LONGEST_HOLD_MS } from "../../contracts/warehouse/calls.ts";
import { InventoryCommitted, InventoryReceived, InventoryReleased, InventoryReserved } from "../../contracts/warehouse/events.ts";
import { AppError, type ModuleContext, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { committedEvent, receivedEvent, releasedEvent, reservedEvent } from "./announcements.ts";
import { commitReservation } from "./commit.ts";
import { Receipt, Reservation } from "./entities.ts";
import { receiveStock } from "./receive.ts";
import { releaseHeld } from "./release.ts";
import { reserveStock } from "./reserve.ts";
import type { WarehouseContext, warehouseSettings } from "./settings.ts";
import { noStock, stockLevels, totalsOf } from "./stock.ts";
import { toReservationView } from "./views.ts";

type Params = Readonly<Record<string, string | number | boolean>>;

/** Books a product's stock in once: the receipt id follows from the product, so a repeat counts nothing. */
const stocked = (ctx: ModuleContext, productId: string, quantity: number) =>
  receiveStock(ctx, { receipt_id: `stock:${productId}`, product_id: productId, quantity });

/**
 * An order holding one unit of a stocked product (reserve is idempotent by order id), held as long as the
 * warehouse allows: a later check of the run, moving the clock on, finds it as the contract left it, not expired.
 */
async function held(ctx: WarehouseContext, params: Params) {
  const productId = String(params.product_id);
  await stocked(ctx, productId, 10);
  return reserveStock(ctx, { order_id: String(params.order_id), items: [{ product_id: productId, quantity: 1 }], ttl_ms: LONGEST_HOLD_MS });
}

const reservationOf = (ctx: ModuleContext, orderId: string) => ctx.db.em().findOne(Reservation, { orderId });

/**
 * Announces what already happened to an order's reservation once more, as the call that did it announced it,
 * with the stock as it is now: a state entered again must publish again.
 */
const announceAgain = (ctx: ModuleContext, orderId: string, event: "reserved" | "committed" | "released") =>
  ctx.db.transaction(async (tx) => {
    const reservation = await tx.em.findOneOrFail(Reservation, { orderId });
    const levels = await stockLevels(
      tx.em,
      reservation.items.map((i) => i.product_id),
    );
    const stock = totalsOf(reservation.items).map(([productId]) => levels.get(productId) ?? noStock(productId));
    if (event === "reserved") tx.publish(InventoryReserved, reservedEvent(toReservationView(reservation), stock));
    if (event === "committed") tx.publish(InventoryCommitted, committedEvent(reservation, stock));
    if (event === "released") tx.publish(InventoryReleased, releasedEvent(reservation, reservation.releaseReason ?? "released", stock));
  });

/** The states the consumers of the warehouse's calls and inventory events name. */
export const warehouseProviderStates: Record<string, ProviderStateHandler<typeof warehouseSettings>> = {
  /** Counting a new receipt needs nothing but a running warehouse. */
  "warehouse takes receipts": async () => {},

  "receipt has been counted": async (ctx, params) => {
    await receiveStock(ctx, { receipt_id: String(params.receipt_id), product_id: String(params.product_id), quantity: Number(params.quantity) });
  },

  "product is in stock": async (ctx, params) => {
    await stocked(ctx, String(params.product_id), Number(params.stock));
  },

  "product is out of stock": async (ctx, params) => {
    await stocked(ctx, String(params.product_id), 0);
  },

  "order holds a reservation": async (ctx, params) => {
    await held(ctx, params);
  },

  /**
   * Held, then its time ran out and it was given back, as the sweeper does. Released here rather than left
   * for the sweeper to race the interaction: the state is the same in every topology, and so is the
   * `inventory.released` of whichever release wins (the sweeper speaks in the reservation's conversation).
   */
  "order's reservation has expired": async (ctx, params) => {
    const orderId = String(params.order_id);
    await held(ctx, params);
    await ctx.db.transaction(({ em }) =>
      em.execute(`update "warehouse"."reservations" set expires_at = ? where order_id = ? and status = 'held'`, [
        new Date(Date.now() - 1000),
        orderId,
      ]),
    );
    await releaseHeld(ctx, orderId, "expired", new Date());
  },

  "order's reservation has been committed": async (ctx, params) => {
    await held(ctx, params);
    await commitReservation(ctx, String(params.order_id));
  },

  "order has no reservation": async (ctx, params) => {
    if (await reservationOf(ctx, String(params.order_id))) throw new AppError("precondition_failed", `order ${params.order_id} has a reservation`);
  },

  "stock has just been received": async (ctx, params) => {
    const receipt = { receipt_id: String(params.receipt_id), product_id: String(params.product_id), quantity: Number(params.quantity) };
    const counted = await ctx.db.em().findOne(Receipt, { receiptId: receipt.receipt_id });
    if (!counted) {
      await receiveStock(ctx, receipt);
      return;
    }
    await ctx.db.transaction(async (tx) => {
      const level = (await stockLevels(tx.em, [counted.productId])).get(counted.productId) ?? noStock(counted.productId);
      tx.publish(InventoryReceived, receivedEvent({ receipt_id: counted.receiptId, quantity: counted.quantity }, level));
    });
  },

  "stock has just been reserved for an order": async (ctx, params) => {
    if (await reservationOf(ctx, String(params.order_id))) await announceAgain(ctx, String(params.order_id), "reserved");
    else await held(ctx, params);
  },

  "order's reservation has just been committed": async (ctx, params) => {
    if ((await reservationOf(ctx, String(params.order_id)))?.status === "committed") {
      await announceAgain(ctx, String(params.order_id), "committed");
      return;
    }
    await held(ctx, params);
    await commitReservation(ctx, String(params.order_id));
  },

  "order's reservation has just been released": async (ctx, params) => {
    if ((await reservationOf(ctx, String(params.order_id)))?.status === "released") {
      await announceAgain(ctx, String(params.order_id), "released");
      return;
    }
    await held(ctx, params);
    await releaseHeld(ctx, String(params.order_id), String(params.reason));
  },
};
