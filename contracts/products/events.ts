import * as v from "valibot";
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
    inventory: v.number(),
    created_at: Timestamp,
  }),
});
