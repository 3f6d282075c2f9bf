import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import { check, defineSuite } from "../../suite.ts";
import { addToCart, awaitNotification, chargesOf, checkout, newCustomer, newProduct, settledOrder, stockOf } from "../shop.ts";

/**
 * Journey 8: the payment never completes in time → after the checkout timeout the order is cancelled and the
 * stock is back; a charge that lands afterwards is refunded. (Test settings: timeout 8 s, tok_slow answers after 11 s.)
 */
export const abandonedCheckoutJourney = defineSuite("Journey 8: abandoned checkout", [
  check("a payment that never completes in time cancels the order and returns the stock", async (sys) => {
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 99, inventory: 2 });
    await addToCart(sys, customer.token, productId, 2);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_slow" });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));

    await eventually(async () => assert.equal((await stockOf(sys, productId)).reserved, 2), { timeoutMs: 5000 });
    const order = await settledOrder(sys, customer.token, placed.body.id, 20_000);
    assert.deepEqual({ status: order.status, reason: order.status_reason }, { status: "cancelled", reason: "payment_timeout" });
    assert.deepEqual(await stockOf(sys, productId).then(({ on_hand, reserved, available }) => ({ on_hand, reserved, available })), { on_hand: 2, reserved: 0, available: 2 });
    const cancelled = await awaitNotification(sys, customer.token, "order_cancelled");
    assert.equal(cancelled.data.reason, "payment_timeout");

    // The provider answers after the saga gave up: that charge must land and be refunded in full.
    await eventually(
      async () => {
        const charges = await chargesOf(sys, order.id);
        assert.equal(charges.length, 1, "the late charge is recorded");
        assert.deepEqual(charges.map(({ status, amount_cents, amount_refunded_cents }) => ({ status, refunded: amount_refunded_cents === amount_cents })), [
          { status: "succeeded", refunded: true },
        ]);
      },
      { timeoutMs: 15_000 },
    );
  }),
]);
