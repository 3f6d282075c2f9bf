import type { Context } from "hono";
import { Hono } from "hono";
import { AddItemBody, CartView, SetQuantityBody } from "../../contracts/cart/api.ts";
import { Id } from "../../contracts/ids.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { endpoint, type ModuleContext, principal, requireSession, resource, type Tx } from "../../runtime/module-api/index.ts";
import { etag, expectedVersion } from "./preconditions.ts";
import { requireProducts } from "./products.ts";
import { readCart } from "./read.ts";
import { addToLine, removeLine, setLine } from "./write.ts";

const withEtag = (c: Context, cart: CartView) => {
  c.header("etag", etag(cart.version));
  return c.json(cart, 200);
};

const IF_MATCH = { "if-match": 'the ETag of the cart as last read (e.g. "3"), or * for any: 428 without it, 412 when the cart has changed since' };
const ETAG = "Every answer carries the cart's version as its ETag.";

/** The customer's own cart: always the session's user, never one named in the request. */
export function cartRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use(
    "/cart/*",
    requireSession((token) => ctx.call(Authenticate, { token })),
  );
  const userOf = (c: Context) => principal(c).user_id;
  /** A write and the cart it leaves, read in the same transaction so the ETag is exactly this write's. */
  const write = (c: Context, work: (tx: Tx, userId: string) => Promise<void>) =>
    ctx.db.transaction(async (tx) => {
      await work(tx, userOf(c));
      return readCart(tx.em, userOf(c));
    });

  resource(app, "/cart", {
    GET: endpoint({
      summary: "Read my cart",
      description: ETAG,
      responses: { 200: CartView },
      handle: async (c) => withEtag(c, await readCart(ctx.db.em(), userOf(c))),
    }),
  });
  resource(app, "/cart/items", {
    POST: endpoint({
      summary: "Add to my cart",
      description: `Adds to the line of that product; adds commute, so no precondition. ${ETAG}`,
      body: AddItemBody,
      responses: { 200: CartView },
      errors: ["unknown_product"],
      handle: async (c, input) => {
        const body = await input.body();
        await requireProducts(ctx, [body.product_id]);
        return withEtag(c, await write(c, (tx, userId) => addToLine(tx.em, userId, body.product_id, body.quantity)));
      },
    }),
  });
  resource(app, "/cart/items/:product_id", {
    PUT: endpoint({
      summary: "Set a line's quantity",
      description: ETAG,
      params: { product_id: Id },
      body: SetQuantityBody,
      headers: IF_MATCH,
      responses: { 200: CartView },
      errors: ["unknown_product", "precondition_required", "precondition_failed"],
      handle: async (c, input) => {
        const productId = input.param("product_id");
        const body = await input.body();
        const expected = expectedVersion(c);
        await requireProducts(ctx, [productId]);
        return withEtag(c, await write(c, (tx, userId) => setLine(tx.em, userId, productId, body.quantity, expected)));
      },
    }),
    DELETE: endpoint({
      summary: "Remove a line",
      description: ETAG,
      params: { product_id: Id },
      headers: IF_MATCH,
      responses: { 200: CartView },
      errors: ["not_found", "precondition_required", "precondition_failed"],
      handle: async (c, input) => {
        const productId = input.param("product_id");
        const expected = expectedVersion(c);
        return withEtag(c, await write(c, (tx, userId) => removeLine(tx.em, userId, productId, expected)));
      },
    }),
  });
  return app;
}
