import * as v from "valibot";
import { Id } from "../ids.ts";
import { DecimalAmount } from "../money.ts";

/** The words to look for, wherever products are searched: trimmed, 1–200 characters. */
export const SearchWords = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200));

/** The most results one search answers. */
export const MAX_SEARCH_RESULTS = 100;

export const SearchQuery = v.object({
  q: SearchWords,
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(MAX_SEARCH_RESULTS)), "20"),
});

/** Search results, from search's own index: eventually consistent with the catalogue. */
export const SearchResults = v.object({
  query: v.string(),
  count: v.number(),
  results: v.array(v.object({ product_id: Id, name: v.string(), description: v.string(), price: DecimalAmount })),
});
