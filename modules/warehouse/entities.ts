import { defineEntity, type InferEntity, p } from "@mikro-orm/core";
import type { ProductQuantity } from "../../contracts/common/quantity.ts";

/**
 * One product's stock. Quantities change only by atomic conditional SQL (see stock.ts), and `version` grows
 * with every change so read models elsewhere can drop stale news.
 */
export const Stock = defineEntity({
  name: "Stock",
  tableName: "stock",
  schema: "warehouse",
  properties: {
    productId: p.string().primary(),
    onHand: p.bigint("number"),
    reserved: p.bigint("number"),
    version: p.bigint("number"),
  },
});
export type Stock = InferEntity<typeof Stock>;

export type ReservationStatus = "held" | "committed" | "released";

/** Stock held for one order (at most one reservation per order) until it is committed, released or expires. */
export const Reservation = defineEntity({
  name: "Reservation",
  tableName: "reservations",
  schema: "warehouse",
  properties: {
    id: p.string().primary(),
    orderId: p.string().unique(),
    status: p.string().$type<ReservationStatus>(),
    items: p.json<ProductQuantity[]>(),
    expiresAt: p.datetime(),
    releaseReason: p.string().nullable(),
    /** The conversation that reserved it: an expiry, however late, is told as part of that conversation. */
    correlationId: p.string().nullable(),
    causationId: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  indexes: [{ properties: ["status", "expiresAt"] }],
});
export type Reservation = InferEntity<typeof Reservation>;

/** Receipts already counted: a retried receipt finds its id here and changes nothing. */
export const Receipt = defineEntity({
  name: "Receipt",
  tableName: "receipts",
  schema: "warehouse",
  properties: {
    receiptId: p.string().primary(),
    productId: p.string(),
    quantity: p.bigint("number"),
    receivedAt: p.datetime(),
  },
});
export type Receipt = InferEntity<typeof Receipt>;
