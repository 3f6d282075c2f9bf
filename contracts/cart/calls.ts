import * as v from "valibot";
import { Quantity } from "../common/quantity.ts";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";

/** A user's cart as it is now, for checkout. An unknown user simply has an empty cart. */
export const GetCart = defineCall({
  name: "cart.get",
  owner: "cart",
  request: v.object({ user_id: Id }),
  reply: v.object({ items: v.array(v.object({ product_id: Id, quantity: Quantity })), version: v.number() }),
  retrySafe: true,
});
