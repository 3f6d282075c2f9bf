import type { SystemClient } from "../../../harness/system/client.ts";
import { bearer, newCustomer } from "../../../harness/systems/shared/identity.ts";
import { addToCart, checkout, newProduct } from "../../../harness/systems/shop/steps.ts";

/** A verified customer with a product of their own (plenty of stock), checking out one unit at a time. */
export interface Shopper {
  /** add-to-cart → POST /checkout (tok_visa) → GET /orders/:id every `pollMs` until confirmed; ms from POST to confirmed. */
  checkoutOnce(pollMs: number): Promise<number>;
  /** Puts one unit in the cart (the part of a checkout loop before POST /checkout). */
  fill(): Promise<void>;
  /** POST /checkout with a fresh Idempotency-Key; the order's id. */
  placeOrder(): Promise<string>;
  /** The order's status as its customer sees it; throws on anything but 200. */
  statusOf(orderId: string): Promise<string>;
}

const POLL_TIMEOUT_MS = 30_000;

/** Polls `done` every `pollMs` until it holds, for at most POLL_TIMEOUT_MS. */
async function until(pollMs: number, done: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > POLL_TIMEOUT_MS) throw new Error(`not so within ${POLL_TIMEOUT_MS} ms`);
    await Bun.sleep(pollMs);
  }
}

/**
 * One product per shopper, so concurrent shoppers measure the checkout path rather than contention on one
 * stock row.
 */
export async function newShopper(sys: SystemClient): Promise<Shopper> {
  const [customer, productId] = await Promise.all([newCustomer(sys), newProduct(sys, { price: 9.99, inventory: 10_000_000 })]);
  const shopper: Shopper = {
    fill: async () => void (await addToCart(sys, customer.token, productId, 1)),
    async placeOrder() {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" }, crypto.randomUUID());
      if (placed.status !== 202) throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
      return placed.body.id;
    },
    async statusOf(orderId) {
      const order = await sys.http.get(`/api/v1/orders/${orderId}`, { headers: bearer(customer.token) });
      if (order.status !== 200) throw new Error(`order ${orderId}: ${order.status} ${JSON.stringify(order.body)}`);
      return order.body.status;
    },
    async checkoutOnce(pollMs) {
      // The cart is cleared of what was bought when order.confirmed reaches it, which in split may be after the
      // order reads confirmed: a unit added before that is taken by the clearing (422 cart_empty at checkout).
      await until(pollMs, async () => {
        const cart = await sys.http.get("/api/v1/cart", { headers: bearer(customer.token) });
        return cart.status === 200 && cart.body.items.length === 0;
      });
      await shopper.fill();
      const started = performance.now();
      const orderId = await shopper.placeOrder();
      for (;;) {
        const status = await shopper.statusOf(orderId);
        if (status === "confirmed") return performance.now() - started;
        if (status === "cancelled") throw new Error(`order ${orderId} was cancelled`);
        if (performance.now() - started > POLL_TIMEOUT_MS) throw new Error(`order ${orderId} not confirmed within ${POLL_TIMEOUT_MS} ms`);
        await Bun.sleep(pollMs);
      }
    },
  };
  return shopper;
}

/** `count` shoppers, set up a few at a time (sign-up hashes a password). */
export async function newShoppers(sys: SystemClient, count: number): Promise<Shopper[]> {
  const shoppers: Shopper[] = [];
  while (shoppers.length < count) {
    const batch = Math.min(4, count - shoppers.length);
    shoppers.push(...(await Promise.all(Array.from({ length: batch }, () => newShopper(sys)))));
  }
  return shoppers;
}
