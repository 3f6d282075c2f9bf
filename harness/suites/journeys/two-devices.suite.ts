import assert from "node:assert/strict";
import { check, defineSuite } from "../../suite.ts";
import { bearer, login, newCustomer, newProduct } from "../shop.ts";

/** Journey 6: one user, two devices; concurrent cart edits lose nothing; logging out one leaves the other. */
export const twoDevicesJourney = defineSuite("Journey 6: two devices", [
  check("concurrent edits from two devices lose no update, and logout is per device", async (sys) => {
    const customer = await newCustomer(sys);
    const laptop = customer.token;
    const phone = await login(sys, customer.email, customer.password, "phone");
    const tea = await newProduct(sys, { price: 3, inventory: 100 });
    const mug = await newProduct(sys, { price: 7, inventory: 100 });

    const adds = await Promise.all([
      sys.http.post("/api/v1/cart/items", { product_id: tea, quantity: 2 }, { headers: bearer(laptop) }),
      sys.http.post("/api/v1/cart/items", { product_id: tea, quantity: 3 }, { headers: bearer(phone) }),
      sys.http.post("/api/v1/cart/items", { product_id: mug, quantity: 1 }, { headers: bearer(phone) }),
    ]);
    assert.deepEqual(adds.map((a) => a.status), [200, 200, 200]);
    const cart = await sys.http.get("/api/v1/cart", { headers: bearer(laptop) });
    const quantities = Object.fromEntries(cart.body.items.map((i: { product_id: string; quantity: number }) => [i.product_id, i.quantity]));
    assert.deepEqual(quantities, { [tea]: 5, [mug]: 1 }, "both devices' adds are there");

    const etag = cart.headers.get("etag") ?? "";
    const [fromLaptop, fromPhone] = await Promise.all([
      sys.http.request("PUT", `/api/v1/cart/items/${tea}`, { body: { quantity: 1 }, headers: { ...bearer(laptop), "if-match": etag } }),
      sys.http.request("PUT", `/api/v1/cart/items/${tea}`, { body: { quantity: 9 }, headers: { ...bearer(phone), "if-match": etag } }),
    ]);
    assert.deepEqual([fromLaptop.status, fromPhone.status].sort(), [200, 412], "one write wins, the stale one is refused, not lost silently");
    const winner = fromLaptop.status === 200 ? 1 : 9;
    const after = await sys.http.get("/api/v1/cart", { headers: bearer(phone) });
    assert.equal(after.body.items.find((i: { product_id: string }) => i.product_id === tea).quantity, winner);
    const blind = await sys.http.request("PUT", `/api/v1/cart/items/${tea}`, { body: { quantity: 4 }, headers: bearer(phone) });
    assert.equal(blind.status, 428, "an overwrite without If-Match is refused");

    assert.equal((await sys.http.post("/api/v1/auth/logout", undefined, { headers: bearer(laptop) })).status, 204);
    assert.equal((await sys.http.get("/api/v1/cart", { headers: bearer(laptop) })).status, 401);
    assert.equal((await sys.http.get("/api/v1/cart", { headers: bearer(phone) })).status, 200, "the other device still works");
    const sessions = await sys.http.get("/api/v1/sessions", { headers: bearer(phone) });
    assert.deepEqual(sessions.body.sessions.map((s: { device: string }) => s.device), ["phone"]);
  }),
]);
