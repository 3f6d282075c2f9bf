import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import type { SoakDriver } from "../../soak/soak.ts";
import { unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import { bearer, type Customer, newCustomer } from "../shared/identity.ts";
import { addToCart, checkout, newProduct } from "./steps.ts";

interface Shopper {
  readonly customer: Customer;
}

/** Customers made at once, a few at a time (each registers, verifies and logs in through the public API). */
const AT_ONCE = 10;

/** The longest one checkout may take to be accepted and settle while services are being killed. */
const SETTLE_WITHIN_MS = 120_000;

/**
 * The shop under the soak: customers with one unit of a well-stocked product in their carts, made before the
 * nemesis starts; each then checks out under an Idempotency-Key (asked again while the service is coming
 * back, or while the first attempt still runs) and waits for its order to end.
 */
export const shopSoak: SoakDriver<Shopper> = {
  async prepare(sys, count) {
    const productId = await newProduct(sys, { price: 5, inventory: count * 2 });
    const shoppers: Shopper[] = [];
    for (let i = 0; i < count; i += AT_ONCE) {
      const batch = await Promise.all(Array.from({ length: Math.min(AT_ONCE, count - i) }, () => newCustomer(sys)));
      for (const customer of batch) await addToCart(sys, customer.token, productId, 1);
      shoppers.push(...batch.map((customer) => ({ customer })));
    }
    return shoppers;
  },
  async run(sys: SystemClient, { customer }) {
    const key = unique("soak");
    const placed = await eventually(
      async () => {
        const answer = await checkout(sys, customer.token, { payment_token: "tok_visa" }, key);
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        return answer.body.id as string;
      },
      { timeoutMs: SETTLE_WITHIN_MS, intervalMs: 200 },
    );
    const order = await eventually(
      async () => {
        const now = await sys.http.get(`/api/v1/orders/${placed}`, { headers: bearer(customer.token) });
        assert.equal(now.status, 200, JSON.stringify(now.body));
        assert.equal(now.body.saga_step, "done", `order ${placed} still at ${now.body.saga_step}`);
        return now.body as { status: string; status_reason: string | null };
      },
      { timeoutMs: SETTLE_WITHIN_MS, intervalMs: 200 },
    );
    return order.status_reason ? `${order.status}: ${order.status_reason}` : order.status;
  },
};
