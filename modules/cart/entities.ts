import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** One cart per user. `version` is the cart's ETag: every write bumps it. */
export const Cart = defineEntity({
  name: "Cart",
  tableName: "carts",
  schema: "cart",
  properties: {
    id: p.string().primary(),
    userId: p.string().unique(),
    version: p.integer(),
    updatedAt: p.datetime(),
  },
});

export type Cart = InferEntity<typeof Cart>;

/** A line: how many of one product. Prices are never kept here; checkout asks the catalogue. */
export const CartItem = defineEntity({
  name: "CartItem",
  tableName: "cart_items",
  schema: "cart",
  properties: {
    cartId: p.string().primary(),
    productId: p.string().primary(),
    // Quantities are bigint read as numbers, like every money and stock column (contracts/common/quantity.ts).
    quantity: p.bigint("number"),
    addedAt: p.datetime(),
  },
});

export type CartItem = InferEntity<typeof CartItem>;
