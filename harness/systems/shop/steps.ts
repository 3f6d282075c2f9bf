import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import type { FlagSetting } from "../../run/flags.ts";
import { unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import { address, bearer, operator } from "../shared/identity.ts";

/** Steps the shop's TypeScript suites, tests and bench share, all through the public API (operator or customer), never a back door. */
export async function newProduct(
  sys: SystemClient,
  fields: { name?: string; price: number; inventory: number; description?: string },
): Promise<string> {
  const created = await sys.http.post("/api/v1/products", { name: unique("Product"), description: "", ...fields }, { headers: operator });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

export async function addToCart(sys: SystemClient, token: string, productId: string, quantity: number) {
  const cart = await sys.http.post("/api/v1/cart/items", { product_id: productId, quantity }, { headers: bearer(token) });
  assert.equal(cart.status, 200, JSON.stringify(cart.body));
  return cart;
}

export function checkout(
  sys: SystemClient,
  token: string,
  body: { payment_token: string; discount_code?: string },
  key: string = unique("checkout"),
) {
  return sys.http.post("/api/v1/checkout", { shipping_address: address, ...body }, { headers: { ...bearer(token), "idempotency-key": key } });
}

/** Waits until the order's saga has finished and answers the order as the customer sees it. */
export const settledOrder = (sys: SystemClient, token: string, orderId: string, timeoutMs = 15_000) =>
  eventually(
    async () => {
      const order = await sys.http.get(`/api/v1/orders/${orderId}`, { headers: bearer(token) });
      assert.equal(order.status, 200, JSON.stringify(order.body));
      assert.notEqual(order.body.status, "pending", `order still pending at saga step ${order.body.saga_step}`);
      assert.equal(order.body.saga_step, "done");
      return order.body;
    },
    { timeoutMs },
  );

/** The warehouse's own view of one product's stock (operator API). */
export async function stockOf(sys: SystemClient, productId: string): Promise<{ on_hand: number; reserved: number; available: number }> {
  const stock = await sys.http.get(`/api/v1/inventory/${productId}`, { headers: operator });
  assert.equal(stock.status, 200, JSON.stringify(stock.body));
  return stock.body;
}

/** Charges recorded for an order, read from the payments module's own schema. */
export const chargesOf = (sys: SystemClient, orderId: string) =>
  sys.sql<{ id: string; status: string; amount_cents: number; amount_refunded_cents: number }>(
    "payments",
    "select id, status, amount_cents, amount_refunded_cents from charges where order_id = ?",
    [orderId],
  );

/** Sets a feature flag through the operator API and answers the flag as it now stands. */
export async function setFlag(sys: SystemClient, name: string, setting: FlagSetting) {
  const set = await sys.http.request("PUT", `/api/v1/flags/${name}`, { headers: operator, body: setting });
  assert.equal(set.status, 200, `setting flag ${name}: ${JSON.stringify(set.body)}`);
  return set.body;
}
