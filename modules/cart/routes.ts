import type { Context } from "hono";
import { Hono } from "hono";
import { AddItemBody, type CartView, SetQuantityBody } from "../../contracts/cart/api.ts";
import { Id } from "../../contracts/ids.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { type ModuleContext, principal, readBody, readParam, requireSession, resource, type Tx } from "../../runtime/module-api/index.ts";
import { etag, expectedVersion } from "./preconditions.ts";
import { requireProducts } from "./products.ts";
import { readCart } from "./read.ts";
import { addToLine, removeLine, setLine } from "./write.ts";

const withEtag = (c: Context, cart: CartView) => {
  c.header("etag", etag(cart.version));
  return c.json(cart, 200);
};

/** The customer's own cart: always the session's user, never one named in the request. */
export function cartRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use("/cart/*", requireSession((token) => ctx.call(Authenticate, { token })));
  const userOf = (c: Context) => principal(c).user_id;
  const productOf = (c: Context) => readParam(c, "product_id", Id);
  /** A write and the cart it leaves, read in the same transaction so the ETag is exactly this write's. */
  const write = (c: Context, work: (tx: Tx, userId: string) => Promise<void>) =>
    ctx.db.transaction(async (tx) => {
      await work(tx, userOf(c));
      return readCart(tx.em, userOf(c));
    });

  resource(app, "/cart", {
    GET: async (c) => withEtag(c, await readCart(ctx.db.em(), userOf(c))),
  });
  resource(app, "/cart/items", {
    POST: async (c) => {
      const body = await readBody(c, AddItemBody);
      await requireProducts(ctx, [body.product_id]);
      return withEtag(c, await write(c, (tx, userId) => addToLine(tx.em, userId, body.product_id, body.quantity)));
    },
  });
  resource(app, "/cart/items/:product_id", {
    PUT: async (c) => {
      const productId = productOf(c);
      const body = await readBody(c, SetQuantityBody);
      const expected = expectedVersion(c);
      await requireProducts(ctx, [productId]);
      return withEtag(c, await write(c, (tx, userId) => setLine(tx.em, userId, productId, body.quantity, expected)));
    },
    DELETE: async (c) => {
      const productId = productOf(c);
      const expected = expectedVersion(c);
      return withEtag(c, await write(c, (tx, userId) => removeLine(tx.em, userId, productId, expected)));
    },
  });
  return app;
}
