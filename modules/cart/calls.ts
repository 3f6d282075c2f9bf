import { GetCart } from "../../contracts/cart/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { readCart } from "./read.ts";

export const getCart = answer(GetCart, async ({ user_id }, ctx) => {
  const { items, version } = await readCart(ctx.db.em(), user_id);
  return { items, version };
});
