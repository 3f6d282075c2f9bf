import type { CallReply } from "../../contracts/define.ts";
import type { ReserveStock } from "../../contracts/warehouse/calls.ts";
import type { Reservation } from "./entities.ts";

export type ReservationView = CallReply<typeof ReserveStock>;

export const toReservationView = (reservation: Reservation): ReservationView => ({
  reservation_id: reservation.id,
  order_id: reservation.orderId,
  status: reservation.status,
  expires_at: reservation.expiresAt.toISOString(),
  items: reservation.items,
});
