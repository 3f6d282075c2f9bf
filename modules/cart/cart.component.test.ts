import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCart } from "../../contracts/cart/calls.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { deliver, eventUse, redeliver } from "../../harness/stubs/deliveries.ts";
import { type Neighbour, neighbourOf } from "../../harness/stubs/neighbour.ts";
import { cartConsumes } from "./consumes.ts";
import { cartModule } from "./module.ts";

/** What the stubs generated from cart's consumer contract know: one session, one product, one order. */
const shopper = "u-ct-cart-shopper";
const mug = "p-ct-cart-mug";
const as = (token: string, headers: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...headers } });
const customer = as("tok-ct-cart");
const signedOut = as("tok-ct-cart-unknown");
const confirmed = eventUse(cartConsumes, "order.confirmed");
const timeouts = { TWOFOLD_CALL_TIMEOUT_MS: "300" };

type Line = { product_id: string; quantity: number };
const quantityOf = (items: Line[], productId: string) => items.find((i) => i.product_id === productId)?.quantity ?? 0;

/** The cart alone, on its real database; users and products are stubs generated from its consumer contract. */
describe("cart as a component", () => {
  let cart: Component;
  let orders: Neighbour;
  const view = () => cart.client.http.get("/api/v1/cart", customer);

  beforeAll(async () => {
    cart = await startComponent(cartModule);
    orders = neighbourOf(cart, "orders");
  });
  afterAll(async () => {
    orders.stop();
    await cart.stop();
  });

  it("keeps the session's cart: adds a product the catalogue knows, overwrites it with the ETag, answers cart.get", async () => {
    const added = await cart.client.http.post("/api/v1/cart/items", { product_id: mug, quantity: 2, user_id: "someone-else" }, customer);
    expect(added.status).toBe(200);
    const etag = added.headers.get("etag") ?? "";
    expect(quantityOf(added.body.items, mug)).toBeGreaterThanOrEqual(2);

    const set = await cart.client.http.request("PUT", `/api/v1/cart/items/${mug}`, {
      body: { quantity: 3 },
      ...as("tok-ct-cart", { "if-match": etag }),
    });
    expect(set.status).toBe(200);
    expect(set.body.items).toEqual([{ product_id: mug, quantity: 3 }]);
    const stale = await cart.client.http.request("PUT", `/api/v1/cart/items/${mug}`, {
      body: { quantity: 1 },
      ...as("tok-ct-cart", { "if-match": etag }),
    });
    expect(stale.status).toBe(412);

    const { body } = await view();
    expect(await orders.call(GetCart, { user_id: shopper })).toEqual({ items: [{ product_id: mug, quantity: 3 }], version: body.version });
    expect(await cart.client.sql("cart", "select user_id from carts")).toEqual([{ user_id: shopper }]);
  });

  it("takes the contract's confirmed order out of the cart once, however often it is delivered", async () => {
    await cart.client.http.post("/api/v1/cart/items", { product_id: mug, quantity: 2 }, customer);
    const before = (await view()).body;
    const [interaction] = confirmed.interactions;
    if (!interaction) throw new Error("the contract has no order.confirmed");

    const envelope = await deliver(cart, confirmed, interaction);
    const after = (await view()).body;
    expect(quantityOf(after.items, mug)).toBe(quantityOf(before.items, mug) - 1);
    expect(after.version).toBe(before.version + 1);

    await redeliver(cart, envelope);
    expect((await view()).body).toMatchObject({ items: after.items, version: after.version });
  });

  it("refuses a product the catalogue does not know with 422 unknown_product, storing nothing", async () => {
    const before = (await view()).body;
    const added = await cart.client.http.post("/api/v1/cart/items", { product_id: "p-ct-cart-none", quantity: 1 }, customer);
    expect([added.status, added.body.error.code, added.body.error.details]).toEqual([422, "unknown_product", { product_ids: ["p-ct-cart-none"] }]);
    const put = await cart.client.http.request("PUT", "/api/v1/cart/items/p-ct-cart-none", {
      body: { quantity: 1 },
      ...as("tok-ct-cart", { "if-match": `"${before.version}"` }),
    });
    expect([put.status, put.body.error.code]).toEqual([422, "unknown_product"]);
    expect((await view()).body).toMatchObject({ items: before.items, version: before.version });
  });

  it("answers 401 unauthenticated for a token the users stub does not know", async () => {
    for (const response of [
      await cart.client.http.get("/api/v1/cart", signedOut),
      await cart.client.http.post("/api/v1/cart/items", { product_id: mug, quantity: 1 }, signedOut),
    ]) {
      expect([response.status, response.body.error.code]).toEqual([401, "unauthenticated"]);
    }
  });
});

describe("cart as a component, with the catalogue too slow to answer", () => {
  let cart: Component;

  beforeAll(async () => {
    cart = await startComponent(cartModule, { slow: { "products.quote": 2000 }, env: timeouts });
  });
  afterAll(() => cart.stop());

  it("answers an add 504 call_timeout at once and stores nothing; reading the cart still works", async () => {
    const added = await cart.client.http.post("/api/v1/cart/items", { product_id: mug, quantity: 1 }, customer);
    expect([added.status, added.body.error.code]).toEqual([504, "call_timeout"]);
    expect(added.ms).toBeLessThan(1500);
    expect(await cart.client.sql("cart", "select id from carts")).toEqual([]);
    const read = await cart.client.http.get("/api/v1/cart", customer);
    expect([read.status, read.body.items]).toEqual([200, []]);
  });
});

describe("cart as a component, with users too slow to answer", () => {
  let cart: Component;

  beforeAll(async () => {
    cart = await startComponent(cartModule, { slow: { "users.authenticate": 2000 }, env: timeouts });
  });
  afterAll(() => cart.stop());

  it("answers 504 call_timeout at once instead of hanging on the session", async () => {
    const response = await cart.client.http.get("/api/v1/cart", customer);
    expect([response.status, response.body.error.code]).toEqual([504, "call_timeout"]);
    expect(response.ms).toBeLessThan(1500);
  });
});
