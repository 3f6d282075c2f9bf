import * as v from "valibot";
import { ProductQuantity, ReceivedQuantity } from "../common/quantity.ts";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";
import { Shortfall, StockLevel } from "./stock.ts";

export const InventoryReceived = defineEvent({
  type: "inventory.received",
  owner: "warehouse",
  payload: v.object({ receipt_id: Id, quantity: ReceivedQuantity, stock: StockLevel }),
});

export const InventoryReserved = defineEvent({
  type: "inventory.reserved",
  owner: "warehouse",
  payload: v.object({ order_id: Id, reservation_id: Id, items: v.array(ProductQuantity), expires_at: Timestamp, stock: v.array(StockLevel) }),
});

export const InventoryCommitted = defineEvent({
  type: "inventory.committed",
  owner: "warehouse",
  payload: v.object({ order_id: Id, reservation_id: Id, items: v.array(ProductQuantity), stock: v.array(StockLevel) }),
});

/** Held stock given back: by the saga's compensation, or because the reservation expired. */
export const InventoryReleased = defineEvent({
  type: "inventory.released",
  owner: "warehouse",
  payload: v.object({
    order_id: Id,
    reservation_id: Id,
    reason: v.string(),
    items: v.array(ProductQuantity),
    stock: v.array(StockLevel),
  }),
});

export const InventoryInsufficient = defineEvent({
  type: "inventory.insufficient",
  owner: "warehouse",
  payload: v.object({ order_id: Id, shortfalls: v.array(Shortfall) }),
});
