import * as v from "valibot";
import { StockQuantity } from "../common/quantity.ts";
import { Id } from "../ids.ts";

/** One product's stock after a change. `version` grows with every change, so read models can drop stale news. */
export const StockLevel = v.object({
  product_id: Id,
  on_hand: StockQuantity,
  reserved: StockQuantity,
  available: StockQuantity,
  version: v.number(),
});
export type StockLevel = v.InferOutput<typeof StockLevel>;

export const Shortfall = v.object({ product_id: Id, requested: StockQuantity, available: StockQuantity });
