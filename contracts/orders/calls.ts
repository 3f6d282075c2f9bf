import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";

/** Has this user a confirmed order containing this product? Reviews asks before accepting a review. */
export const HasPurchased = defineCall({
  name: "orders.has_purchased",
  owner: "orders",
  request: v.object({ user_id: Id, product_id: Id }),
  reply: v.object({ purchased: v.boolean() }),
  retrySafe: true,
});
