import * as v from "valibot";
import { StockQuantity } from "../common/quantity.ts";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";
import { Cents } from "../money.ts";

/** Current price and stock of several products; fresh, so it is a call and not a read model. */
export const QuoteProducts = defineCall({
  name: "products.quote",
  owner: "products",
  request: v.object({ product_ids: v.pipe(v.array(Id), v.minLength(1), v.maxLength(100)) }),
  reply: v.object({
    products: v.array(v.object({ product_id: Id, name: v.string(), unit_price_cents: Cents, inventory: StockQuantity })),
  }),
  errors: ["product_not_found"],
  retrySafe: true,
});
