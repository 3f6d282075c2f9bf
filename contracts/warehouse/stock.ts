import * as v from "valibot";
import { Id } from "../ids.ts";

/** One product's stock after a change. `version` grows with every change, so read models can drop stale news. */
export const StockLevel = v.object({
  product_id: Id,
  on_hand: v.number(),
  reserved: v.number(),
  available: v.number(),
  version: v.number(),
});
export type StockLevel = v.InferOutput<typeof StockLevel>;

export const Shortfall = v.object({ product_id: Id, requested: v.number(), available: v.number() });
