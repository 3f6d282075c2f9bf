import * as v from "valibot";
import { Quantity } from "../common/quantity.ts";
import { Id, Timestamp } from "../ids.ts";

export const AddItemBody = v.object({ product_id: Id, quantity: Quantity });
export const SetQuantityBody = v.object({ quantity: Quantity });

/** The caller's cart. `version` (also the ETag) changes with every write. Prices are not kept here. */
export const CartView = v.object({
  id: Id,
  items: v.array(v.object({ product_id: Id, quantity: Quantity })),
  version: v.number(),
  updated_at: Timestamp,
});
export type CartView = v.InferOutput<typeof CartView>;
