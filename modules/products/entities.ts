import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

export const Product = defineEntity({
  name: "Product",
  tableName: "products",
  schema: "products",
  properties: {
    id: p.string().primary(),
    name: p.string(),
    description: p.text(),
    priceCents: p.integer(),
    inventory: p.integer(),
    createdAt: p.datetime(),
  },
});

export type Product = InferEntity<typeof Product>;
