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
    // Money is bigint read as a number (contracts/money.ts).
    priceCents: p.bigint("number"),
    version: p.integer(),
  },
});

export type SearchEntry = InferEntity<typeof SearchEntry>;
