import assert from "node:assert/strict";
import { fromCents, MAX_CENTS, toCents } from "../../../contracts/money.ts";
import { OrderItemInput } from "../../../contracts/orders/api.ts";
import { CreateChargeBody } from "../../../contracts/payments/api.ts";
import { CreateProductBody } from "../../../contracts/products/api.ts";
import { ReceiptBody } from "../../../contracts/warehouse/api.ts";
import { maximumOf } from "../../contract-limits.ts";
import { eventually } from "../../eventually.ts";
import { check, defineSuite, unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import type { HttpResult } from "../../system/http.ts";
import { address, bearer, newCustomer, operator } from "../shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, settledOrder } from "./steps.ts";

const expectError = (result: HttpResult, status: number, code: string) => {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.equal(result.body?.error?.code, code, JSON.stringify(result.body));
  assert.equal(typeof result.body.error.message, "string");
};

const op = { headers: operator };

/** The paths of a validation_failed answer's details. */
const failedPaths = (result: HttpResult): string[] => {
  expectError(result, 400, "validation_failed");
  return (result.body.error.details as { path: string }[]).map((d) => d.path);
};
// The largest amounts the contracts accept, read from their schemas.
const maxPrice = maximumOf(CreateProductBody.entries.price);
const maxInventory = maximumOf(CreateProductBody.entries.inventory);
const maxReceipt = maximumOf(ReceiptBody.entries.quantity);
const maxQuantity = maximumOf(OrderItemInput.entries.quantity);
const maxCharge = maximumOf(CreateChargeBody.entries.amount);
/** The most cents one order line can be worth; this many lines and one more go past MAX_CENTS. */
const maxLineCents = toCents(maxPrice) * maxQuantity;
const linesPastTheCap = Math.floor(MAX_CENTS / maxLineCents) + 1;

const someUserAndProduct = async (sys: SystemClient) => {
  const user = await sys.http.post("/api/v1/users", { name: "Bad Input", email: `${unique("bad")}@example.com` }, op);
  const product = await sys.http.post("/api/v1/products", { name: "Thing", price: 1.5, inventory: 10 }, op);
  return { userId: user.body.id as string, productId: product.body.id as string };
};

/** Bad input gets a clear error in the one envelope with the right status, the same in every topology. */
export const badInputSuite = defineSuite("Bad input", [
  check("malformed JSON is 400 invalid_json", async (sys) => {
    expectError(await sys.http.post("/api/v1/users", "{not json", op), 400, "invalid_json");
  }),
  check("a schema violation is 400 with field paths", async (sys) => {
    const result = await sys.http.post("/api/v1/users", { email: "not-an-email" }, op);
    expectError(result, 400, "validation_failed");
    const paths = (result.body.error.details as { path: string }[]).map((d) => d.path).sort();
    assert.deepEqual(paths, ["email", "name"]);
  }),
  check("an unknown route is a JSON 404", async (sys) => {
    expectError(await sys.http.get("/api/v1/nothing-here"), 404, "not_found");
    expectError(await sys.http.get("/nowhere"), 404, "not_found");
  }),
  check("a body over 1 MB is 413", async (sys) => {
    const huge = { name: "x".repeat(1024 * 1024 + 10), email: "big@example.com" };
    expectError(await sys.http.post("/api/v1/users", huge, op), 413, "payload_too_large");
  }),
  check("an unsupported method is 405 with Allow", async (sys) => {
    const result = await sys.http.request("DELETE", "/api/v1/users", op);
    expectError(result, 405, "method_not_allowed");
    assert.ok(result.headers.get("allow")?.includes("POST"), `allow: ${result.headers.get("allow")}`);
  }),
  check("a duplicate email is 409", async (sys) => {
    const email = `${unique("dup")}@example.com`;
    assert.equal((await sys.http.post("/api/v1/users", { name: "First", email }, op)).status, 201);
    expectError(await sys.http.post("/api/v1/users", { name: "Second", email: email.toUpperCase() }, op), 409, "email_taken");
  }),
  check("unknown ids are 404", async (sys) => {
    expectError(await sys.http.get("/api/v1/users/no-such-user", op), 404, "user_not_found");
    expectError(await sys.http.get("/api/v1/products/no-such-product"), 404, "product_not_found");
    expectError(await sys.http.get("/api/v1/orders/no-such-order", op), 404, "order_not_found");
  }),
  check("order items must be a non-empty list of positive integer quantities", async (sys) => {
    const { userId, productId } = await someUserAndProduct(sys);
    for (const items of [[], [{ product_id: productId, quantity: 0 }], [{ product_id: productId, quantity: 1.5 }], [{ product_id: productId }]]) {
      expectError(await sys.http.post("/api/v1/orders", { user_id: userId, items }, op), 400, "validation_failed");
    }
  }),
  check("an unknown user or product is 422 and places nothing", async (sys) => {
    const { userId, productId } = await someUserAndProduct(sys);
    expectError(
      await sys.http.post("/api/v1/orders", { user_id: "nobody", items: [{ product_id: productId, quantity: 1 }] }, op),
      422,
      "unknown_user",
    );
    const unknownProduct = await sys.http.post("/api/v1/orders", { user_id: userId, items: [{ product_id: "nothing", quantity: 1 }] }, op);
    expectError(unknownProduct, 422, "unknown_product");
    assert.deepEqual(unknownProduct.body.error.details, { product_ids: ["nothing"] });
    await sys.idle();
    assert.deepEqual(await sys.sql("orders", "select id from orders where user_id = ?", [userId]), []);
  }),
  check("a price with more than two decimals or a negative stock is 400", async (sys) => {
    expectError(await sys.http.post("/api/v1/products", { name: "P", price: 1.234, inventory: 1 }, op), 400, "validation_failed");
    expectError(await sys.http.post("/api/v1/products", { name: "P", price: 1, inventory: -1 }, op), 400, "validation_failed");
  }),
  check("operator endpoints need the operator key", async (sys) => {
    expectError(await sys.http.post("/api/v1/users", { name: "X", email: `${unique("x")}@example.com` }), 401, "operator_key_required");
    expectError(
      await sys.http.post("/api/v1/products", { name: "X", price: 1, inventory: 1 }, { headers: { "x-operator-key": "not-the-key-at-all" } }),
      401,
      "operator_key_required",
    );
    expectError(await sys.http.get("/api/v1/notifications/someone"), 401, "operator_key_required");
  }),
  check("customer endpoints need a live session", async (sys) => {
    expectError(await sys.http.get("/api/v1/cart"), 401, "unauthenticated");
    expectError(await sys.http.get("/api/v1/orders", { headers: bearer("not-a-session") }), 401, "unauthenticated");
    expectError(await sys.http.post("/api/v1/checkout", {}, { headers: bearer("not-a-session") }), 401, "unauthenticated");
  }),
  check("someone else's order and notifications stay invisible", async (sys) => {
    const [owner, other] = await Promise.all([newCustomer(sys), newCustomer(sys)]);
    await addToCart(sys, owner.token, await newProduct(sys, { price: 2, inventory: 5 }), 1);
    const placed = await checkout(sys, owner.token, { payment_token: "tok_visa" });
    expectError(await sys.http.get(`/api/v1/orders/${placed.body.id}`, { headers: bearer(other.token) }), 404, "order_not_found");
    const listed = await sys.http.get("/api/v1/orders", { headers: bearer(other.token) });
    assert.deepEqual(listed.body.orders, []);
  }),
  check("checkout needs an Idempotency-Key and a valid body", async (sys) => {
    const customer = await newCustomer(sys);
    const noKey = await sys.http.post("/api/v1/checkout", { payment_token: "tok_visa" }, { headers: bearer(customer.token) });
    expectError(noKey, 400, "validation_failed");
    const valid = { shipping_address: { street: "1 Road", city: "Town", postal_code: "1000", country: "US" }, payment_token: "tok_visa" };
    expectError(await sys.http.post("/api/v1/checkout", valid, { headers: bearer(customer.token) }), 400, "idempotency_key_required");
    const badToken = await sys.http.post(
      "/api/v1/checkout",
      { ...valid, payment_token: "4242424242424242" },
      { headers: { ...bearer(customer.token), "idempotency-key": unique("k") } },
    );
    expectError(badToken, 400, "validation_failed");
  }),
  check("a client cannot set prices, totals, statuses or owners", async (sys) => {
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 10, inventory: 5 });
    const cart = await sys.http.post(
      "/api/v1/cart/items",
      { product_id: productId, quantity: 1, price: 0, user_id: "someone-else" },
      { headers: bearer(customer.token) },
    );
    assert.equal(cart.status, 200);
    assert.deepEqual(cart.body.items, [{ product_id: productId, quantity: 1 }]);
    const placed = await sys.http.post(
      "/api/v1/checkout",
      {
        shipping_address: { street: "1 Road", city: "Town", postal_code: "1000", country: "US" },
        payment_token: "tok_visa",
        total: 0,
        status: "confirmed",
        user_id: "someone-else",
      },
      { headers: { ...bearer(customer.token), "idempotency-key": unique("k") } },
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    assert.deepEqual(
      { user_id: placed.body.user_id, total: placed.body.total, status: placed.body.status },
      { user_id: customer.id, total: 14.99, status: "pending" },
    );
  }),
  check("search, reviews and cart refuse malformed input", async (sys) => {
    const customer = await newCustomer(sys);
    expectError(await sys.http.get("/api/v1/search"), 400, "validation_failed");
    expectError(await sys.http.get(`/api/v1/search?q=${"x".repeat(300)}`), 400, "validation_failed");
    expectError(await sys.http.get("/api/v1/reviews/no-such-review"), 404, "review_not_found");
    expectError(
      await sys.http.post("/api/v1/reviews", { product_id: "p", rating: 6, body: "x" }, { headers: bearer(customer.token) }),
      400,
      "validation_failed",
    );
    expectError(
      await sys.http.post("/api/v1/cart/items", { product_id: "nothing", quantity: 1 }, { headers: bearer(customer.token) }),
      422,
      "unknown_product",
    );
    expectError(
      await sys.http.post("/api/v1/cart/items", { product_id: "p", quantity: 0 }, { headers: bearer(customer.token) }),
      400,
      "validation_failed",
    );
  }),
  // JSON carries a lone surrogate only as an escape, so these bodies are sent as raw JSON text.
  check("U+0000 or a lone surrogate in a body field or key is 400 with its path, not a 500", async (sys) => {
    const email = () => `${unique("nul")}@example.com`;
    const register = (name: string) =>
      sys.http.post("/api/v1/auth/register", `{"email":"${email()}","password":"correct horse battery staple","name":"${name}"}`);
    assert.deepEqual(failedPaths(await register("\\ud800")), ["name"]);
    assert.deepEqual(failedPaths(await register("Ada\\u0000")), ["name"]);
    const product = await sys.http.post("/api/v1/products", '{"name":"Thing","description":"\\udc00 half a pair","price":1,"inventory":1}', op);
    assert.deepEqual(failedPaths(product), ["description"]);
    const key = await sys.http.post("/api/v1/users", `{"name":"Key","email":"${email()}","x\\u0000":1}`, op);
    assert.deepEqual(failedPaths(key), ["x\uFFFD"]);
    const customer = await newCustomer(sys);
    const body = JSON.stringify({ shipping_address: address, payment_token: "tok_visa", discount_code: "SAVE" }).replace("SAVE", "SAVE\\u0000");
    const placed = await sys.http.post("/api/v1/checkout", body, { headers: { ...bearer(customer.token), "idempotency-key": unique("k") } });
    assert.deepEqual(failedPaths(placed), ["discount_code"]);
  }),
  check("U+0000 in a path or query parameter is 400 with its name, not a 500", async (sys) => {
    assert.deepEqual(failedPaths(await sys.http.get("/api/v1/products/%00")), ["id"]);
    assert.deepEqual(failedPaths(await sys.http.get("/api/v1/orders/%00", op)), ["id"]);
    assert.deepEqual(failedPaths(await sys.http.get("/api/v1/search?q=%00")), ["q"]);
    assert.deepEqual(failedPaths(await sys.http.get("/api/v1/products?cursor=%00")), ["cursor"]);
    assert.deepEqual(failedPaths(await sys.http.get("/api/v1/reviews?product_id=a%00b")), ["product_id"]);
  }),
  check("a body with thousands of issues lists the first 20 and counts the rest", async (sys) => {
    const items = Array.from({ length: 5_000 }, () => 1);
    const result = await sys.http.post("/api/v1/orders", { user_id: "someone", items }, op);
    const paths = failedPaths(result);
    assert.equal(paths.length, 21);
    assert.deepEqual(paths.slice(0, 2), ["items.0", "items.1"]);
    assert.deepEqual(result.body.error.details.at(-1), { path: "", message: "and 4,980 more issues" });
    assert.match(result.body.error.message, /5,000 issues/);
  }),
  check("If-Match: * overwrites a cart line whatever its version; no If-Match is still 428", async (sys) => {
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 3, inventory: 10 });
    const added = await addToCart(sys, customer.token, productId, 1);
    const put = (headers: Record<string, string>) =>
      sys.http.request("PUT", `/api/v1/cart/items/${productId}`, { body: { quantity: 4 }, headers: { ...bearer(customer.token), ...headers } });
    expectError(await put({}), 428, "precondition_required");
    const set = await put({ "if-match": "*" });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.items, [{ product_id: productId, quantity: 4 }]);
    assert.equal(set.body.version, added.body.version + 1);
    expectError(await put({ "if-match": `"${added.body.version}"` }), 412, "precondition_failed");
  }),
  check("a method the API does not implement is 501 in the envelope", async (sys) => {
    expectError(await sys.http.request("PROPFIND", "/api/v1/products"), 501, "not_implemented");
    assert.equal((await sys.http.request("TRACE", "/health")).status, 501);
  }),
  check("the largest price, stock, receipts, order, checkout and charge the contracts accept are stored and read back exactly", async (sys) => {
    const productId = await newProduct(sys, { price: maxPrice, inventory: maxInventory });
    assert.deepEqual(await sys.sql("products", "select price_cents, inventory from products where id = ?", [productId]), [
      { price_cents: toCents(maxPrice), inventory: maxInventory },
    ]);
    for (let i = 0; i < 3; i++)
      assert.equal((await sys.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity: maxReceipt }, op)).status, 201);
    const received = maxInventory + 3 * maxReceipt;
    await eventually(async () => {
      const product = await sys.http.get(`/api/v1/products/${productId}`);
      assert.deepEqual([product.body.price, product.body.inventory], [maxPrice, received]);
    });

    const user = await sys.http.post("/api/v1/users", { name: "Big Spender", email: `${unique("big")}@example.com` }, op);
    const order = await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: [{ product_id: productId, quantity: maxQuantity }] }, op);
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.body.total, fromCents(maxLineCents));
    assert.deepEqual(await sys.sql("orders", "select total_cents from orders where id = ?", [order.body.id]), [{ total_cents: maxLineCents }]);

    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, productId, maxQuantity);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const settled = await settledOrder(sys, customer.token, placed.body.id);
    assert.equal(settled.status, "confirmed", JSON.stringify(settled));
    assert.deepEqual(
      (await chargesOf(sys, placed.body.id)).map((c) => c.amount_cents),
      [toCents(placed.body.total)],
    );

    const charge = await sys.http.post(
      "/api/v1/payments/charges",
      { amount: maxCharge, token: "tok_visa" },
      { headers: { ...operator, "idempotency-key": unique("k") } },
    );
    assert.equal(charge.status, 201, JSON.stringify(charge.body));
    assert.equal(charge.body.amount, maxCharge);
    assert.deepEqual(await sys.sql("payments", "select amount_cents from charges where id = ?", [charge.body.id]), [
      { amount_cents: toCents(maxCharge) },
    ]);
  }),
  check("an order or checkout worth more than the contracts allow is 422 amount_out_of_range and places nothing", async (sys) => {
    const products = await Promise.all(Array.from({ length: linesPastTheCap }, () => newProduct(sys, { price: maxPrice, inventory: maxQuantity })));
    const lines = products.map((product_id) => ({ product_id, quantity: maxQuantity }));
    const [first] = lines;
    const user = await sys.http.post("/api/v1/users", { name: "Too Big", email: `${unique("too-big")}@example.com` }, op);
    expectError(await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: lines }, op), 422, "amount_out_of_range");
    const merged = await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: [first, { ...first, quantity: 1 }] }, op);
    expectError(merged, 422, "amount_out_of_range");

    const customer = await newCustomer(sys);
    for (const productId of products) await addToCart(sys, customer.token, productId, maxQuantity);
    expectError(await checkout(sys, customer.token, { payment_token: "tok_visa" }), 422, "amount_out_of_range");
    await sys.idle();
    assert.deepEqual(await sys.sql("orders", "select id from orders where user_id in (?, ?)", [user.body.id, customer.id]), []);
    for (const productId of products) {
      const stock = await sys.http.get(`/api/v1/inventory/${productId}`, op);
      assert.deepEqual([stock.body.on_hand, stock.body.reserved], [maxQuantity, 0]);
    }
  }),
]);
