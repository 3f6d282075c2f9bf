import { InventoryReceived } from "../../contracts/warehouse/events.ts";
import type { StockLevel } from "../../contracts/warehouse/stock.ts";
import type { ModuleContext } from "../../runtime/module-api/index.ts";
import { receivedEvent } from "./announcements.ts";
import { Receipt } from "./entities.ts";
import { addStock, noStock, stockLevels } from "./stock.ts";

export interface StockReceipt {
  readonly receipt_id: string;
  readonly product_id: string;
  readonly quantity: number;
}

/** Counts a receipt once: a repeated receipt id changes nothing and answers the product's current stock. */
export function receiveStock(ctx: ModuleContext, receipt: StockReceipt): Promise<StockLevel> {
  return ctx.db.transaction(async (tx) => {
    const fresh = await tx.em.execute<{ receipt_id: string }[]>(
      `insert into "warehouse"."receipts" (receipt_id, product_id, quantity, received_at) values (?, ?, ?, ?::timestamptz)
       on conflict (receipt_id) do nothing returning receipt_id`,
      [receipt.receipt_id, receipt.product_id, receipt.quantity, ctx.clock.now().toISOString()],
    );
    if (fresh.length === 0) {
      const counted = await tx.em.findOneOrFail(Receipt, { receiptId: receipt.receipt_id });
      return (await stockLevels(tx.em, [counted.productId])).get(counted.productId) ?? noStock(counted.productId);
    }
    const stock = await addStock(tx.em, receipt.product_id, receipt.quantity);
    tx.publish(InventoryReceived, receivedEvent(receipt, stock));
    return stock;
  });
}
