import * as v from "valibot";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { FindProducts } from "../../contracts/search/calls.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { InventoryCommitted, InventoryReceived, InventoryReleased, InventoryReserved } from "../../contracts/warehouse/events.ts";

const Whole = v.pipe(v.number(), v.integer());

/** What the stock read model copies: the available stock at a version (integer columns). */
const Level = v.object({ product_id: v.string(), available: Whole, version: Whole });
const Levels = v.object({ stock: v.array(Level) });

const stocked = "p-ct-products-stocked";
const at = "2025-01-01T12:00:00.000Z";
const level = (productId: string, onHand: number, reserved: number, version: number) => ({
  product_id: productId,
  on_hand: onHand,
  reserved,
  available: onHand - reserved,
  version,
});
const oneUnit = [{ product_id: stocked, quantity: 1 }];

/** Everything the catalogue relies on: booking a new product's stock in, the warehouse's stock news, and search's ranking. */
export const productsConsumes = defineConsumer("products", [
  usesCall(FindProducts, {
    // The catalogue shows its own rows of the ids search ranks, in search's order.
    reads: v.object({ product_ids: v.array(v.string()) }),
    interactions: [
      {
        description: "searching the catalogue by a word of a product's name",
        given: { name: "product is indexed", params: { product_id: "p-ct-products-found", name: "Contract zebu lamp" } },
        request: { q: "zebu", limit: 20 },
        respond: { reply: { product_ids: ["p-ct-products-found"] } },
      },
    ],
  }),

  usesCall(ReceiveStock, {
    // A new product starts with the stock the warehouse says is available, at its version.
    reads: v.object({ available: Whole, version: Whole }),
    interactions: [
      {
        description: "booking in a new product's stock",
        given: { name: "warehouse takes receipts", params: {} },
        request: { receipt_id: "p-ct-products-new", product_id: "p-ct-products-new", quantity: 7 },
        respond: { reply: level("p-ct-products-new", 7, 0, 1) },
      },
      {
        description: "a retried receipt is counted once",
        given: {
          name: "receipt has been counted",
          params: { receipt_id: "p-ct-products-retried", product_id: "p-ct-products-retried", quantity: 4 },
        },
        request: { receipt_id: "p-ct-products-retried", product_id: "p-ct-products-retried", quantity: 4 },
        respond: { reply: level("p-ct-products-retried", 4, 0, 1) },
      },
    ],
  }),

  usesEvent(InventoryReceived, {
    reads: v.object({ stock: Level }),
    interactions: [
      {
        description: "stock arrived",
        given: { name: "stock has just been received", params: { receipt_id: "rc-ct-products", product_id: stocked, quantity: 5 } },
        example: { receipt_id: "rc-ct-products", quantity: 5, stock: level(stocked, 5, 0, 1) },
      },
    ],
  }),

  usesEvent(InventoryReserved, {
    reads: Levels,
    interactions: [
      {
        description: "stock was held for an order",
        given: { name: "stock has just been reserved for an order", params: { order_id: "o-ct-products-reserved", product_id: stocked } },
        example: {
          order_id: "o-ct-products-reserved",
          reservation_id: "r-ct-products-1",
          items: oneUnit,
          expires_at: at,
          stock: [level(stocked, 15, 1, 3)],
        },
      },
    ],
  }),

  usesEvent(InventoryCommitted, {
    reads: Levels,
    interactions: [
      {
        description: "an order's held stock was sold",
        given: { name: "order's reservation has just been committed", params: { order_id: "o-ct-products-committed", product_id: stocked } },
        example: { order_id: "o-ct-products-committed", reservation_id: "r-ct-products-2", items: oneUnit, stock: [level(stocked, 14, 1, 5)] },
      },
    ],
  }),

  usesEvent(InventoryReleased, {
    reads: Levels,
    interactions: [
      {
        description: "an order's held stock was given back",
        given: {
          name: "order's reservation has just been released",
          params: { order_id: "o-ct-products-released", product_id: stocked, reason: "payment_declined" },
        },
        example: {
          order_id: "o-ct-products-released",
          reservation_id: "r-ct-products-3",
          reason: "payment_declined",
          items: oneUnit,
          stock: [level(stocked, 14, 1, 7)],
        },
      },
    ],
  }),
]);
