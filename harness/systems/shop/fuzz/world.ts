import assert from "node:assert/strict";
import type { Ref } from "../../../fuzz/part.ts";
import type { World } from "../../../fuzz/world.ts";
import { unique } from "../../../suite.ts";
import type { SystemClient } from "../../../system/client.ts";
import { bearer, newCustomer, operator } from "../../shared/identity.ts";
import { addToCart, checkout, newProduct, settledOrder } from "../steps.ts";

async function currentSessionId(sys: SystemClient, token: string): Promise<string> {
  const listed = await sys.http.get("/api/v1/sessions", { headers: bearer(token) });
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  const current = (listed.body.sessions as { id: string; current: boolean }[]).find((s) => s.current);
  assert.ok(current, "the fuzzer's session is not listed as current");
  return current.id;
}

async function created(sys: SystemClient, path: string, body: unknown, headers: Record<string, string>): Promise<string> {
  const result = await sys.http.post(path, body, { headers });
  assert.equal(result.status, 201, `${path}: ${JSON.stringify(result.body)}`);
  return result.body.id;
}

/**
 * The shop's world: a verified customer with a live session, a product it bought (a confirmed order) and
 * reviewed, and a charge made with the operator key.
 */
export async function prepareShopWorld(sys: SystemClient): Promise<World> {
  const customer = await newCustomer(sys, { name: "Fuzz" });
  const product = await newProduct(sys, { name: "Fuzzed thing", price: 10, inventory: 1000 });
  await addToCart(sys, customer.token, product, 1);
  const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
  assert.equal(placed.status, 202, JSON.stringify(placed.body));
  assert.equal((await settledOrder(sys, customer.token, placed.body.id)).status, "confirmed");
  const review = await created(sys, "/api/v1/reviews", { product_id: product, rating: 4, body: "Fuzz-tested." }, bearer(customer.token));
  const charge = await created(
    sys,
    "/api/v1/payments/charges",
    { amount: 5, token: "tok_visa" },
    { ...operator, "idempotency-key": unique("fuzz-charge") },
  );

  let token = customer.token;
  let sessionId = await currentSessionId(sys, token);
  const values: Record<Ref["ref"], () => Promise<string>> = {
    bearer: async () => `Bearer ${token}`,
    session: async () => sessionId,
    operator: async () => operator["x-operator-key"],
    fresh: async () => unique("fz"),
    etag: async () => (await sys.http.get("/api/v1/cart", { headers: bearer(token) })).headers.get("etag") ?? '"0"',
  };
  return {
    fixtures: { product, user: customer.id, order: placed.body.id, review, charge, flag: "new_pricing" },
    customerEmail: customer.email,
    resolve: (part) => (typeof part === "string" ? Promise.resolve(part) : values[part.ref]()),
    async renewSession() {
      // The fuzzer's own wrong passwords for this account may have it throttled (429, by design): then it
      // goes on as a new customer, whose session every later request uses.
      const again = await sys.http.post("/api/v1/auth/login", { email: customer.email, password: customer.password, device: "fuzzer" });
      if (again.status !== 200 && again.status !== 429)
        assert.fail(`the fuzzer could not sign in again: ${again.status} ${JSON.stringify(again.body)}`);
      token = again.status === 200 ? again.body.token : (await newCustomer(sys, { name: "Fuzz" })).token;
      sessionId = await currentSessionId(sys, token);
    },
  };
}
