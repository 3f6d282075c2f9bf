import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { eventually } from "../../eventually.ts";
import type { FlagSetting } from "../../run/flags.ts";
import { check, defineSuite } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import type { HttpResult } from "../../system/http.ts";
import { bearer, type Customer, newCustomer, operator } from "../shared/identity.ts";
import { addToCart, checkout, newProduct, setFlag, settledOrder } from "./steps.ts";

const FLAG = "new_pricing";

/** The bucket README documents, computed here from its words: SHA-256 of "<flag>:<user id>", first four bytes big-endian, mod 100. */
const documentedBucket = (flag: string, userId: string) => createHash("sha256").update(`${flag}:${userId}`).digest().readUInt32BE(0) % 100;

const expectError = (result: HttpResult, status: number, code: string) => {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.equal(result.body?.error?.code, code, JSON.stringify(result.body));
  assert.equal(typeof result.body.error.message, "string");
};

/**
 * Runs `work` and puts the flag back as it was: a check here must not change what the checks after it see,
 * nor undo a flag the run set (`bun run harness --flag`).
 */
async function keepingTheFlag(sys: SystemClient, work: () => Promise<void>): Promise<void> {
  const before = await sys.http.get(`/api/v1/flags/${FLAG}`, { headers: operator });
  assert.equal(before.status, 200, JSON.stringify(before.body));
  try {
    await work();
  } finally {
    const { enabled, percentage, users } = before.body as Required<FlagSetting>;
    await setFlag(sys, FLAG, { enabled, percentage, users });
  }
}

/** A verified customer with one 60.00 product in the cart: over pricing v2's free-shipping threshold (50.00). */
async function customerWithCart(sys: SystemClient, productId: string): Promise<Customer> {
  const customer = await newCustomer(sys);
  await addToCart(sys, customer.token, productId, 1);
  return customer;
}

/** Waits until orders prices this customer's cart by `pricing`: the flag's change has reached the process that prices. */
const pricedBy = (sys: SystemClient, customer: Customer, pricing: "v1" | "v2") =>
  eventually(async () => {
    const preview = await sys.http.get("/api/v1/checkout/preview", { headers: bearer(customer.token) });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.pricing, pricing, `priced by ${preview.body.pricing}, waiting for ${pricing}`);
    return preview.body;
  });

const v1 = { subtotal: 60, shipping: 4.99, total: 64.99, pricing: "v1" };
const v2 = { subtotal: 60, shipping: 0, total: 60, pricing: "v2" };

/** The amounts and rule of an order or preview. */
const totalsOf = (body: { subtotal: number; shipping: number; total: number; pricing: string }) => ({
  subtotal: body.subtotal,
  shipping: body.shipping,
  total: body.total,
  pricing: body.pricing,
});

async function checkedOut(sys: SystemClient, customer: Customer) {
  const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
  assert.equal(placed.status, 202, JSON.stringify(placed.body));
  // The 202 comes before the saga: on the wire it may still be reserving or charging. Read the order once it
  // has settled, so every profile reads the same order (and the read is compared whole, not as a poll).
  await settledOrder(sys, customer.token, placed.body.id);
  const order = await sys.http.get(`/api/v1/orders/${placed.body.id}`, { headers: bearer(customer.token) });
  assert.equal(order.body.status, "confirmed", JSON.stringify(order.body));
  assert.deepEqual(totalsOf(order.body), totalsOf(placed.body), "the stored order has the totals the checkout answered");
  return totalsOf(placed.body);
}

/** Feature flags (seed 004 §8.2): the operator switches the shop's pricing at run time, per user, the same everywhere. */
export const featureFlagsSuite = defineSuite("Feature flags", [
  check("the operator API refuses an unknown flag (404), a percentage outside 0..100 (400) and a missing or wrong key (401)", async (sys) => {
    expectError(
      await sys.http.request("PUT", "/api/v1/flags/no_such_flag", { headers: operator, body: { enabled: true, percentage: 10 } }),
      404,
      "flag_not_found",
    );
    expectError(await sys.http.get("/api/v1/flags/no_such_flag", { headers: operator }), 404, "flag_not_found");
    for (const percentage of [101, -1, 12.5, "50"]) {
      const refused = await sys.http.request("PUT", `/api/v1/flags/${FLAG}`, { headers: operator, body: { enabled: true, percentage } });
      expectError(refused, 400, "validation_failed");
      assert.deepEqual(
        refused.body.error.details.map((d: { path: string }) => d.path),
        ["percentage"],
      );
    }
    expectError(await sys.http.request("PUT", `/api/v1/flags/${FLAG}`, { body: { enabled: true, percentage: 100 } }), 401, "operator_key_required");
    const wrongKey = { "x-operator-key": "not-the-operator-key-at-all" };
    expectError(
      await sys.http.request("PUT", `/api/v1/flags/${FLAG}`, { headers: wrongKey, body: { enabled: true, percentage: 100 } }),
      401,
      "operator_key_required",
    );
    expectError(await sys.http.get("/api/v1/flags"), 401, "operator_key_required");
    // Nothing refused changed the flag.
    const listed = await sys.http.get("/api/v1/flags", { headers: operator });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(
      listed.body.flags.map((f: { name: string }) => f.name),
      [FLAG],
    );
  }),

  check(
    "new_pricing switches checkout's pricing: off the flat shipping, on at 100 % free shipping from 50.00, off again the flat shipping",
    async (sys) => {
      const productId = await newProduct(sys, { price: 60, inventory: 10 });
      const [before, during, after] = [
        await customerWithCart(sys, productId),
        await customerWithCart(sys, productId),
        await customerWithCart(sys, productId),
      ];
      await keepingTheFlag(sys, async () => {
        await setFlag(sys, FLAG, { enabled: false, percentage: 100 });
        assert.deepEqual(totalsOf(await pricedBy(sys, before, "v1")), v1);
        assert.deepEqual(await checkedOut(sys, before), v1);

        const on = await setFlag(sys, FLAG, { enabled: true, percentage: 100 });
        assert.deepEqual([on.enabled, on.percentage, on.users], [true, 100, []]);
        assert.deepEqual(totalsOf(await pricedBy(sys, during, "v2")), v2);
        assert.deepEqual(await checkedOut(sys, during), v2);

        await setFlag(sys, FLAG, { enabled: true, percentage: 0 });
        assert.deepEqual(totalsOf(await pricedBy(sys, after, "v1")), v1);
        assert.deepEqual(await checkedOut(sys, after), v1);
      });
    },
  ),

  check(
    "a 50 % rollout puts each user where the documented hash says, in the flags module and at checkout; the allow list is always on",
    async (sys) => {
      const productId = await newProduct(sys, { price: 60, inventory: 10 });
      const [customer, listed] = [await customerWithCart(sys, productId), await customerWithCart(sys, productId)];
      const fixed = Array.from({ length: 20 }, (_, i) => `u-flag-${i}`);
      const expected = fixed.map((id) => documentedBucket(FLAG, id));
      // Fixed ids, so both answers are among them in every run.
      assert.ok(expected.some((b) => b < 50) && expected.some((b) => b >= 50), "the fixed ids fall on both sides of 50");
      await keepingTheFlag(sys, async () => {
        const set = await setFlag(sys, FLAG, { enabled: true, percentage: 50, users: [fixed[19] as string] });
        assert.deepEqual([set.enabled, set.percentage, set.users], [true, 50, [fixed[19]]]);
        for (const [i, id] of fixed.entries()) {
          const decided = await sys.http.get(`/api/v1/flags/${FLAG}/users/${id}`, { headers: operator });
          assert.equal(decided.status, 200, JSON.stringify(decided.body));
          assert.deepEqual(decided.body, { name: FLAG, user_id: id, bucket: expected[i], on: (expected[i] as number) < 50 || i === 19 });
        }
        // The process that prices decides the same from its own copy (the customer's id differs per run: only polled).
        await pricedBy(sys, customer, documentedBucket(FLAG, customer.id) < 50 ? "v2" : "v1");

        await setFlag(sys, FLAG, { enabled: true, percentage: 0, users: [listed.id] });
        await pricedBy(sys, listed, "v2");
        await pricedBy(sys, customer, "v1");
      });
    },
  ),
]);
