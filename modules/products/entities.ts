import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/**
 * A catalogue entry. `inventory` is not owned here: it is the warehouse's available stock as its events last
 * told it, at `stockVersion`, so older or repeated news never overwrites newer. `version` counts the
 * product's own changes (name, description, price) for the consumers of product.updated.
 */
export const Product = defineEntity({
  name: "Product",
  tableName: "products",
  schema: "products",
  properties: {
    id: p.string().primary(),
    name: p.string(),
    description: p.text(),
    // Money and stock are bigint read as numbers (contracts/money.ts); the warehouse's stock version is bigint too.
    priceCents: p.bigint("number"),
    inventory: p.bigint("number"),
    // Defaults only so the additive migration can add these columns to rows of the first version.
    stockVersion: p.bigint("number").default(0),
    version: p.integer().default(1),
    /**
     * "pending" from the moment the row is written until the warehouse has counted its first stock, then
     * "active". Only active products are in the catalogue; the row comes first so stock never exists for a
     * product that does not.
     */
    status: p.string().default("active"),
    createdAt: p.datetime(),
    updatedAt: p.datetime().defaultRaw("current_timestamp"),
  },
});

export type Product = InferEntity<typeof Product>;
