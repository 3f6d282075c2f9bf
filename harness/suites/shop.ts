import assert from "node:assert/strict";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { eventually } from "../eventually.ts";
import { unique } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

/** Steps the shop's TypeScript suites, tests and bench share, all through the public API (operator or customer), never a back door. */
export const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const address = { name: "Ada Lovelace", street: "12 Analytical Way", city: "London", postal_code: "N1 9GU", country: "GB" };

export interface Customer {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
}

export async function newProduct(
  sys: SystemClient,
  fields: { name?: string; price: number; inventory: number; description?: string },
): Promise<string> {
  const created = await sys.http.post("/api/v1/products", { name: unique("Product"), description: "", ...fields }, { headers: operator });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

/** My notifications of one kind, as the customer sees them. */
async function notificationsOf(
  sys: SystemClient,
  token: string,
  kind?: string,
): Promise<{ kind: string; data: Record<string, string>; message: string }[]> {
  const list = await sys.http.get("/api/v1/notifications", { headers: bearer(token) });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.notifications.filter((n: { kind: string }) => !kind || n.kind === kind);
}

/** The one notification of `kind` the customer is waiting for (eventually consistent). */
const awaitNotification = (sys: SystemClient, token: string, kind: string) =>
  eventually(async () => {
    const found = await notificationsOf(sys, token, kind);
    assert.equal(found.length, 1, `expected one ${kind} notification, found ${found.length}`);
    return found[0] as { kind: string; data: Record<string, string>; message: string };
  });

export async function login(sys: SystemClient, email: string, password: string, device = "laptop"): Promise<string> {
  const session = await sys.http.post("/api/v1/auth/login", { email, password, device });
  assert.equal(session.status, 200, JSON.stringify(session.body));
  return session.body.token;
}

/** Registers, signs in and (unless told not to) verifies the email with the token from the notification. */
export async function newCustomer(sys: SystemClient, options: { verified?: boolean; name?: string } = {}): Promise<Customer> {
  const email = `${unique("customer")}@example.com`;
  const password = "correct horse battery staple";
  const registered = await sys.http.post("/api/v1/auth/register", { email, password, name: options.name ?? "Ada" });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const token = await login(sys, email, password);
  if (options.verified !== false) await verifyEmail(sys, token);
  return { id: registered.body.id, email, password, token };
}

/** Verifies a signed-in customer's email with the token from their verification notification. */
async function verifyEmail(sys: SystemClient, token: string): Promise<void> {
  const mail = await awaitNotification(sys, token, "verify_email");
  const verified = await sys.http.post("/api/v1/auth/verify-email", { token: mail.data.token });
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
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

/** A flag's rollout as the operator sets it (contracts/flags/api.ts). */
export interface FlagSetting {
  readonly enabled: boolean;
  readonly percentage: number;
  readonly users?: readonly string[];
}

/** Sets a feature flag through the operator API and answers the flag as it now stands. */
export async function setFlag(sys: SystemClient, name: string, setting: FlagSetting) {
  const set = await sys.http.request("PUT", `/api/v1/flags/${name}`, { headers: operator, body: setting });
  assert.equal(set.status, 200, `setting flag ${name}: ${JSON.stringify(set.body)}`);
  return set.body;
}
