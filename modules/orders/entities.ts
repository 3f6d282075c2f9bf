import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

export const Order = defineEntity({
  name: "Order",
  tableName: "orders",
  schema: "orders",
  properties: {
    id: p.string().primary(),
    userId: p.string().index(),
    status: p.string(),
    totalCents: p.integer(),
    createdAt: p.datetime(),
  },
});

export type Order = InferEntity<typeof Order>;

export const OrderItem = defineEntity({
  name: "OrderItem",
  tableName: "order_items",
  schema: "orders",
  properties: {
    id: p.string().primary(),
    orderId: p.string().index(),
    position: p.integer(),
    productId: p.string(),
    quantity: p.integer(),
    unitPriceCents: p.integer(),
  },
});

export type OrderItem = InferEntity<typeof OrderItem>;
