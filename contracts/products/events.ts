import * as v from "valibot";
import { StockQuantity } from "../common/quantity.ts";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";
import { Cents } from "../money.ts";

export const ProductCreated = defineEvent({
  type: "product.created",
  owner: "products",
  payload: v.object({
    product_id: Id,
    name: v.string(),
    description: v.string(),
    price_cents: Cents,
    inventory: StockQuantity,
    version: v.number(),
    created_at: Timestamp,
  }),
});

/** Name, description or price changed; `version` orders updates that arrive out of order. */
export const ProductUpdated = defineEvent({
  type: "product.updated",
  owner: "products",
  payload: v.object({
    product_id: Id,
    name: v.string(),
    description: v.string(),
    price_cents: Cents,
    previous_price_cents: Cents,
    version: v.number(),
    updated_at: Timestamp,
  }),
});
