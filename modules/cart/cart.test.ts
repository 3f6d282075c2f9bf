import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCart } from "../../contracts/cart/calls.ts";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { OrderConfirmed } from "../../contracts/orders/events.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { fakeModule, fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { AppError, answer } from "../../runtime/module-api/index.ts";
import { cartModule } from "./module.ts";

/** Session tokens the fake identity module knows: two devices of Ada, one each for everyone else. */
const sessions: Record<string, string> = {
  "ada-phone": "user-ada",
  "ada-laptop": "user-ada",
  ...Object.fromEntries(["bob", "carol", "dan", "eve", "fay", "gus", "hal", "ivy"].map((name) => [`${name}-phone`, `user-${name}`])),
};
const catalogue = new Set(["p-apple", "p-pear", "p-plum", "p-fig"]);

const fakeUsers = fakeSessions((token) => sessions[token]);

const fakeProducts = fakeModule("products", [
  answer(QuoteProducts, async ({ product_ids }) => {
    const missing = product_ids.filter((id) => !catalogue.has(id));
    if (missing.length > 0) throw new AppError("product_not_found", "unknown products", { product_ids: missing });
    return { products: product_ids.map((id) => ({ product_id: id, name: id, unit_price_cents: 100, inventory: 10 })) };
  }),
]);

describe("cart module", () => {
  let system: InProcessSystem;
  const as = (token: string, headers: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...headers } });
  const view = (token: string) => system.client.http.get("/api/v1/cart", as(token));
  const add = (token: string, body: unknown) => system.client.http.post("/api/v1/cart/items", body, as(token));
  const put = (token: string, productId: string, quantity: number, ifMatch?: string) =>
    system.client.http.request("PUT", `/api/v1/cart/items/${productId}`, {
      body: { quantity },
      ...as(token, ifMatch ? { "if-match": ifMatch } : {}),
    });
  const remove = (token: string, productId: string, ifMatch?: string) =>
    system.client.http.request("DELETE", `/api/v1/cart/items/${productId}`, as(token, ifMatch ? { "if-match": ifMatch } : {}));
  const linesOf = async (token: string) =>
    Object.fromEntries(((await view(token)).body.items as { product_id: string; quantity: number }[]).map((i) => [i.product_id, i.quantity]));
  const confirmed = (userId: string, items: { product_id: string; quantity: number }[]) =>
    system.monolith.bus.event("orders", OrderConfirmed, {
      order_id: crypto.randomUUID(),
      user_id: userId,
      items: items.map((i) => ({ ...i, unit_price_cents: 100 })),
      total_cents: 100,
      charge_id: null,
      confirmed_at: new Date().toISOString(),
    });

  beforeAll(async () => {
    system = await inProcess({ modules: [cartModule, fakeUsers, fakeProducts], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("shows an empty cart at version 0 without storing anything", async () => {
    const empty = await view("bob-phone");
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ items: [], version: 0 });
    expect(empty.headers.get("etag")).toBe('"0"');
    expect(await system.client.sql("cart", "select id from carts where user_id = 'user-bob'")).toEqual([]);
  });

  it("needs a session", async () => {
    expect((await system.client.http.get("/api/v1/cart")).status).toBe(401);
    expect((await view("stolen-token")).status).toBe(401);
  });

  it("adds to a line, keeps the cart id, and ignores prices and user ids in the body", async () => {
    const before = await view("carol-phone");
    const added = await add("carol-phone", { product_id: "p-apple", quantity: 2, unit_price: 0.01, price: 0, user_id: "user-bob" });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: before.body.id, items: [{ product_id: "p-apple", quantity: 2 }], version: 1 });
    expect(added.headers.get("etag")).toBe('"1"');
    const again = await add("carol-phone", { product_id: "p-apple", quantity: 3 });
    expect(again.body).toMatchObject({ items: [{ product_id: "p-apple", quantity: 5 }], version: 2 });
    expect(
      await system.client.sql(
        "cart",
        "select column_name from information_schema.columns where table_schema = 'cart' and column_name like '%price%'",
      ),
    ).toEqual([]);
    expect((await view("bob-phone")).body.items).toEqual([]);
  });

  it("loses nothing when two devices add at the same time", async () => {
    const adds = [
      ...Array.from({ length: 10 }, () => add("ada-phone", { product_id: "p-apple", quantity: 1 })),
      ...Array.from({ length: 10 }, () => add("ada-laptop", { product_id: "p-apple", quantity: 2 })),
      ...Array.from({ length: 5 }, () => add("ada-laptop", { product_id: "p-pear", quantity: 1 })),
    ];
    const answers = await Promise.all(adds);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const cart = await view("ada-phone");
    expect(await linesOf("ada-laptop")).toEqual({ "p-apple": 30, "p-pear": 5 });
    expect(cart.body.version).toBe(25);
    expect(new Set(answers.map((a) => a.headers.get("etag"))).size).toBe(25);
  });

  it("refuses an unknown product with 422 and stores nothing", async () => {
    const unknown = await add("eve-phone", { product_id: "p-durian", quantity: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "unknown_product", details: { product_ids: ["p-durian"] } });
    expect((await view("eve-phone")).body.version).toBe(0);
    expect((await put("eve-phone", "p-durian", 1, '"0"')).status).toBe(422);
  });

  it("validates quantities and caps a line at 10,000", async () => {
    expect((await add("eve-phone", { product_id: "p-fig", quantity: 0 })).status).toBe(400);
    expect((await add("eve-phone", { product_id: "p-fig", quantity: 1.5 })).status).toBe(400);
    expect((await add("eve-phone", { product_id: "p-fig", quantity: 9_999 })).status).toBe(200);
    const over = await add("eve-phone", { product_id: "p-fig", quantity: 2 });
    expect(over.status).toBe(400);
    expect(await linesOf("eve-phone")).toEqual({ "p-fig": 9_999 });
  });

  it("overwrites a line only with the current ETag: 428 without, 412 when stale, nothing lost", async () => {
    const token = "dan-phone";
    const first = await add(token, { product_id: "p-apple", quantity: 1 });
    const seen = first.headers.get("etag") as string;
    expect((await put(token, "p-apple", 7)).status).toBe(428);
    expect((await put(token, "p-apple", 7)).body.error.code).toBe("precondition_required");
    const meanwhile = await add(token, { product_id: "p-pear", quantity: 4 });
    const stale = await put(token, "p-apple", 7, seen);
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: "precondition_failed", details: { current_version: meanwhile.body.version } });
    expect(await linesOf(token)).toEqual({ "p-apple": 1, "p-pear": 4 });
    expect((await put(token, "p-apple", 7, "garbage")).status).toBe(412);

    const set = await put(token, "p-apple", 7, meanwhile.headers.get("etag") as string);
    expect(set.status).toBe(200);
    expect(set.body.version).toBe(meanwhile.body.version + 1);
    expect(set.headers.get("etag")).toBe(`"${set.body.version}"`);
    expect(await linesOf(token)).toEqual({ "p-apple": 7, "p-pear": 4 });
  });

  it("lets only one of two writes with the same ETag win", async () => {
    const token = "dan-phone";
    const etag = (await view(token)).headers.get("etag") as string;
    const answers = await Promise.all([put(token, "p-plum", 2, etag), put(token, "p-plum", 3, etag)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
  });

  it("deletes a line with the current ETag; a missing line is 404; a stale ETag 412", async () => {
    const token = "dan-phone";
    expect((await remove(token, "p-apple")).status).toBe(428);
    const etag = (await view(token)).headers.get("etag") as string;
    const gone = await remove(token, "p-pear", etag);
    expect(gone.status).toBe(200);
    expect(gone.body.items.map((i: { product_id: string }) => i.product_id)).not.toContain("p-pear");
    expect((await remove(token, "p-pear", etag)).status).toBe(412);
    const missing = await remove(token, "p-pear", gone.headers.get("etag") as string);
    expect(missing.status).toBe(404);
    expect((await view(token)).body.version).toBe(gone.body.version);
  });

  it('creates the cart on a PUT with ETag "0"', async () => {
    const created = await put("fay-phone", "p-fig", 2, '"0"');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ items: [{ product_id: "p-fig", quantity: 2 }], version: 1 });
  });

  it("takes If-Match: * as any current cart, created or not, with no version check", async () => {
    const token = "ivy-phone";
    const created = await put(token, "p-fig", 2, "*");
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ items: [{ product_id: "p-fig", quantity: 2 }], version: 1 });
    await add(token, { product_id: "p-apple", quantity: 1 });
    const set = await put(token, "p-fig", 5, "*");
    expect(set.status).toBe(200);
    expect(set.body.version).toBe(3);
    expect(set.headers.get("etag")).toBe('"3"');
    expect((await remove(token, "p-apple", " * ")).body).toMatchObject({ items: [{ product_id: "p-fig", quantity: 5 }], version: 4 });
    expect((await put(token, "p-fig", 1)).status).toBe(428);
  });

  it("answers cart.get with the user's lines and version", async () => {
    await add("gus-phone", { product_id: "p-plum", quantity: 3 });
    expect(await system.monolith.bus.call("orders", GetCart, { user_id: "user-gus" })).toEqual({
      items: [{ product_id: "p-plum", quantity: 3 }],
      version: 1,
    });
    expect(await system.monolith.bus.call("orders", GetCart, { user_id: "nobody" })).toEqual({ items: [], version: 0 });
  });

  it("takes a confirmed order out of the cart once, keeping what was added after checkout", async () => {
    await add("hal-phone", { product_id: "p-apple", quantity: 2 });
    await add("hal-phone", { product_id: "p-pear", quantity: 1 });
    await add("hal-phone", { product_id: "p-apple", quantity: 3 });
    const event = confirmed("user-hal", [
      { product_id: "p-apple", quantity: 2 },
      { product_id: "p-pear", quantity: 1 },
    ]);
    await system.monolith.bus.dispatch(event);
    await system.monolith.bus.dispatch(event);
    const cart = await view("hal-phone");
    expect(cart.body).toMatchObject({ items: [{ product_id: "p-apple", quantity: 3 }], version: 4 });
    await system.monolith.bus.dispatch(confirmed("user-nobody", [{ product_id: "p-apple", quantity: 1 }]));
    expect(await system.client.sql("cart", "select id from carts where user_id = 'user-nobody'")).toEqual([]);
  });

  it("answers wrong methods with 405", async () => {
    const wrong = await system.client.http.request("PATCH", "/api/v1/cart/items", as("bob-phone"));
    expect(wrong.status).toBe(405);
  });
});
