import type { EventPayload } from "../../contracts/define.ts";
import type { InventoryCommitted, InventoryReceived, InventoryReleased, InventoryReserved } from "../../contracts/warehouse/events.ts";
import type { StockLevel } from "../../contracts/warehouse/stock.ts";
import type { Reservation } from "./entities.ts";
import type { ReservationView } from "./views.ts";

// The warehouse's events, built one way: by the calls that change stock and by the provider states that
// announce those changes again for contract verification.

export const receivedEvent = (receipt: { receipt_id: string; quantity: number }, stock: StockLevel): EventPayload<typeof InventoryReceived> => ({
  receipt_id: receipt.receipt_id,
  quantity: receipt.quantity,
  stock,
});

export const reservedEvent = (view: ReservationView, stock: StockLevel[]): EventPayload<typeof InventoryReserved> => ({
  order_id: view.order_id,
  reservation_id: view.reservation_id,
  items: view.items,
  expires_at: view.expires_at,
  stock,
});

export const committedEvent = (reservation: Reservation, stock: StockLevel[]): EventPayload<typeof InventoryCommitted> => ({
  order_id: reservation.orderId,
  reservation_id: reservation.id,
  items: reservation.items,
  stock,
});

export const releasedEvent = (reservation: Reservation, reason: string, stock: StockLevel[]): EventPayload<typeof InventoryReleased> => ({
  order_id: reservation.orderId,
  reservation_id: reservation.id,
  reason,
  items: reservation.items,
  stock,
});
