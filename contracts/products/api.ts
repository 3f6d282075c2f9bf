import * as v from "valibot";
import { ReceivedQuantity, StockQuantity } from "../common/quantity.ts";
import { Id, Timestamp } from "../ids.ts";
import { DecimalAmount, DecimalPrice } from "../money.ts";
import { SearchWords } from "../search/api.ts";

const ProductName = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200));
const Description = v.pipe(v.string(), v.maxLength(5000));

/** Operator API: a new product; `inventory` is the stock received into the warehouse with it. */
export const CreateProductBody = v.object({
  name: ProductName,
  description: v.optional(Description, ""),
  price: DecimalPrice,
  inventory: ReceivedQuantity,
});
export type CreateProductBody = v.InferOutput<typeof CreateProductBody>;

/** Operator API: change name, description or price (at least one). */
export const UpdateProductBody = v.pipe(
  v.object({ name: v.optional(ProductName), description: v.optional(Description), price: v.optional(DecimalPrice) }),
  v.check((b) => b.name !== undefined || b.description !== undefined || b.price !== undefined, "change at least one of name, description, price"),
);
export type UpdateProductBody = v.InferOutput<typeof UpdateProductBody>;

/**
 * A product as the catalogue shows it. `inventory` is the stock available to order, a read model fed by the
 * warehouse's events: eventually consistent (checkout asks the warehouse itself).
 */
export const ProductView = v.object({
  id: Id,
  name: v.string(),
  description: v.string(),
  price: DecimalAmount,
  inventory: StockQuantity,
  version: v.number(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ProductView = v.InferOutput<typeof ProductView>;

export const ProductList = v.object({
  products: v.array(ProductView),
  next_cursor: v.nullable(v.string()),
  /** Only with `q`, who matched it: search's index (ranked), or the catalogue itself while search is unavailable. */
  matched_by: v.optional(v.picklist(["search", "catalogue"])),
});
export type ProductList = v.InferOutput<typeof ProductList>;

/**
 * Public listing, newest first: `cursor` is the previous page's `next_cursor`. With `q`, the products with
 * every word of it, one page of at most `limit`: a search has no next page, so `q` with `cursor` is refused.
 */
export const ProductListQuery = v.pipe(
  v.object({
    limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(100)), "20"),
    cursor: v.optional(Id),
    q: v.optional(SearchWords),
  }),
  v.forward(
    v.check((query) => query.q === undefined || query.cursor === undefined, "a search (q) has one page: it takes no cursor"),
    ["cursor"],
  ),
);
