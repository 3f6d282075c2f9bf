import { FindProducts } from "../../contracts/search/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { search } from "./query.ts";

/** The public search's matches, as ids in rank order: for the catalogue, which shows its own copy of each product. */
export const findProducts = answer(FindProducts, async ({ q, limit }, ctx) => ({
  product_ids: (await search(ctx.db.em(), q, limit)).map((hit) => hit.product_id),
}));
