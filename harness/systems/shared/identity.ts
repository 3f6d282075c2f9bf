import assert from "node:assert/strict";
import { DEVELOPMENT_OPERATOR_KEY } from "../../../runtime/config.ts";
import { eventually } from "../../eventually.ts";
import { unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";

/**
 * Steps on the identity and notifications modules every system shares, through the public API (operator or
 * customer), never a back door: the systems' suites, tests and the bench start from them.
 */
export const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const address = { name: "Ada Lovelace", street: "12 Analytical Way", city: "London", postal_code: "N1 9GU", country: "GB" };

export interface Customer {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
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
async function awaitNotification(sys: SystemClient, token: string, kind: string) {
  // A setup step, also run by the bench against production-like processes (no /__twofold, so no idle check):
  // "exactly once" after idle is the onboarding flows' to assert (wait_until settle).
  return eventually(async () => {
    const found = await notificationsOf(sys, token, kind);
    assert.equal(found.length, 1, `expected one ${kind} notification, found ${found.length}`);
    return found[0] as { kind: string; data: Record<string, string>; message: string };
  });
}

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
