import { InventoryCommitted, InventoryReceived, InventoryReleased, InventoryReserved } from "../../contracts/warehouse/events.ts";
import type { StockLevel } from "../../contracts/warehouse/stock.ts";
import { type EventContext, on } from "../../runtime/module-api/index.ts";

/**
 * Copies the warehouse's available stock onto the catalogue. Events may arrive twice or out of order, so a
 * level is applied only if its version is newer than the one stored; products unknown here are skipped.
 * That makes a redelivery a no-op by itself, so these subscriptions keep no inbox (no inbox row per stock
 * event, two per checkout).
 */
const applyStock = (ctx: EventContext, levels: readonly StockLevel[]) =>
  ctx.transaction(async ({ em }) => {
    for (const level of levels) {
      await em.execute(`update "products"."products" set inventory = ?, stock_version = ? where id = ? and stock_version < ?`, [
        level.available,
        level.version,
        level.product_id,
        level.version,
      ]);
    }
  });

export const stockReceived = on(InventoryReceived, (event, ctx) => applyStock(ctx, [event.stock]), { inbox: false });
export const stockReserved = on(InventoryReserved, (event, ctx) => applyStock(ctx, event.stock), { inbox: false });
export const stockCommitted = on(InventoryCommitted, (event, ctx) => applyStock(ctx, event.stock), { inbox: false });
export const stockReleased = on(InventoryReleased, (event, ctx) => applyStock(ctx, event.stock), { inbox: false });
