import * as v from "valibot";
import { Id } from "../ids.ts";
import { DecimalAmount } from "../money.ts";

export const SearchQuery = v.object({
  q: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200)),
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(100)), "20"),
});

/** Search results, from search's own index: eventually consistent with the catalogue. */
export const SearchResults = v.object({
  query: v.string(),
  count: v.number(),
  results: v.array(v.object({ product_id: Id, name: v.string(), description: v.string(), price: DecimalAmount })),
});
