import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";
import { MAX_SEARCH_RESULTS, SearchWords } from "./api.ts";

/** The products whose name or description has every word of `q`, best match first, from search's own index. */
export const FindProducts = defineCall({
  name: "search.find",
  owner: "search",
  request: v.object({ q: SearchWords, limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SEARCH_RESULTS)) }),
  reply: v.object({ product_ids: v.pipe(v.array(Id), v.maxLength(MAX_SEARCH_RESULTS)) }),
  retrySafe: true,
});
