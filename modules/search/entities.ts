import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** One product as search knows it, at the catalogue `version` it last applied. */
export const SearchEntry = defineEntity({
  name: "SearchEntry",
  tableName: "entries",
  schema: "search",
  properties: {
    productId: p.string().primary(),
    name: p.string(),
    description: p.text(),
    priceCents: p.integer(),
    version: p.integer(),
  },
});

export type SearchEntry = InferEntity<typeof SearchEntry>;
