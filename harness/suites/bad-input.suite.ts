import assert from "node:assert/strict";
import type { SystemClient } from "../system/client.ts";
import type { HttpResult } from "../system/http.ts";
import { check, defineSuite, unique } from "../suite.ts";

const expectError = (result: HttpResult, status: number, code: string) => {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.equal(result.body?.error?.code, code, JSON.stringify(result.body));
  assert.equal(typeof result.body.error.message, "string");
};

const someUserAndProduct = async (sys: SystemClient) => {
  const user = await sys.http.post("/api/v1/users", { name: "Bad Input", email: `${unique("bad")}@example.com` });
  const product = await sys.http.post("/api/v1/products", { name: "Thing", price: 1.5, inventory: 10 });
  return { userId: user.body.id as string, productId: product.body.id as string };
};

/** Bad input gets a clear error in the one envelope with the right status, the same in every topology. */
export const badInputSuite = defineSuite("Bad input", [
  check("malformed JSON is 400 invalid_json", async (sys) => {
    expectError(await sys.http.post("/api/v1/users", "{not json"), 400, "invalid_json");
  }),
  check("a schema violation is 400 with field paths", async (sys) => {
    const result = await sys.http.post("/api/v1/users", { email: "not-an-email" });
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
    expectError(await sys.http.post("/api/v1/users", huge), 413, "payload_too_large");
  }),
  check("an unsupported method is 405 with Allow", async (sys) => {
    const result = await sys.http.request("DELETE", "/api/v1/users");
    expectError(result, 405, "method_not_allowed");
    assert.equal(result.headers.get("allow"), "POST");
  }),
  check("a duplicate email is 409", async (sys) => {
    const email = `${unique("dup")}@example.com`;
    assert.equal((await sys.http.post("/api/v1/users", { name: "First", email })).status, 201);
    expectError(await sys.http.post("/api/v1/users", { name: "Second", email: email.toUpperCase() }), 409, "email_taken");
  }),
  check("unknown ids are 404", async (sys) => {
    expectError(await sys.http.get("/api/v1/users/no-such-user"), 404, "user_not_found");
    expectError(await sys.http.get("/api/v1/products/no-such-product"), 404, "product_not_found");
    expectError(await sys.http.get("/api/v1/orders/no-such-order"), 404, "order_not_found");
  }),
  check("order items must be a non-empty list of positive integer quantities", async (sys) => {
    const { userId, productId } = await someUserAndProduct(sys);
    for (const items of [[], [{ product_id: productId, quantity: 0 }], [{ product_id: productId, quantity: 1.5 }], [{ product_id: productId }]]) {
      expectError(await sys.http.post("/api/v1/orders", { user_id: userId, items }), 400, "validation_failed");
    }
  }),
  check("an unknown user or product is 422 and places nothing", async (sys) => {
    const { userId, productId } = await someUserAndProduct(sys);
    expectError(await sys.http.post("/api/v1/orders", { user_id: "nobody", items: [{ product_id: productId, quantity: 1 }] }), 422, "unknown_user");
    const unknownProduct = await sys.http.post("/api/v1/orders", { user_id: userId, items: [{ product_id: "nothing", quantity: 1 }] });
    expectError(unknownProduct, 422, "unknown_product");
    assert.deepEqual(unknownProduct.body.error.details, { product_ids: ["nothing"] });
    await sys.idle();
    assert.deepEqual(await sys.sql("orders", "select id from orders where user_id = ?", [userId]), []);
  }),
  check("a price with more than two decimals or a negative stock is 400", async (sys) => {
    expectError(await sys.http.post("/api/v1/products", { name: "P", price: 1.234, inventory: 1 }), 400, "validation_failed");
    expectError(await sys.http.post("/api/v1/products", { name: "P", price: 1, inventory: -1 }), 400, "validation_failed");
  }),
]);
