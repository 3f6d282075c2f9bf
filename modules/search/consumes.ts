import * as v from "valibot";
import { defineConsumer, usesEvent } from "../../contracts/consumer.ts";
import { ProductCreated, ProductUpdated } from "../../contracts/products/events.ts";

/** The searchable product: both events carry all of it, and `version` orders them. */
const Indexed = v.object({
  product_id: v.string(),
  name: v.string(),
  description: v.string(),
  price_cents: v.pipe(v.number(), v.integer()),
  version: v.pipe(v.number(), v.integer()),
});

/** Everything search relies on: the catalogue's news. */
export const searchConsumes = defineConsumer("search", [
  usesEvent(ProductCreated, {
    reads: Indexed,
    interactions: [
      {
        description: "a product was added to the catalogue",
        given: {
          name: "product has just been created",
          params: { product_id: "p-ct-search-new", price_cents: 4500, stock: 3, name: "Contract kettle" },
        },
        example: {
          product_id: "p-ct-search-new",
          name: "Contract kettle",
          description: "Listed for contract verification.",
          price_cents: 4500,
          inventory: 3,
          version: 1,
          created_at: "2025-01-01T12:00:00.000Z",
        },
      },
    ],
  }),
  usesEvent(ProductUpdated, {
    reads: Indexed,
    interactions: [
      {
        description: "a product's price changed",
        given: { name: "product's price has just changed", params: { product_id: "p-ct-search-repriced", price_cents: 3900 } },
        example: {
          product_id: "p-ct-search-repriced",
          name: "Contract product p-ct-search-repriced",
          description: "Listed for contract verification.",
          price_cents: 3900,
          previous_price_cents: 4000,
          version: 2,
          updated_at: "2025-01-01T12:00:00.000Z",
        },
      },
    ],
  }),
]);
