import assert from "node:assert/strict";
import { check, defineSuite } from "../../suite.ts";
import { addToCart, awaitNotification, chargesOf, checkout, newCustomer, newProduct, settledOrder, stockOf } from "../shop.ts";

/** Journey 3: a declined card → reservation released, order cancelled with its reason, no charge, customer told. */
export const paymentDeclinedJourney = defineSuite("Journey 3: payment declined", [
  check("a declined payment compensates every step before it", async (sys) => {
    await sys.events.fromNow();
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 40, inventory: 5 });
    await addToCart(sys, customer.token, productId, 2);

    const placed = await checkout(sys, customer.token, { payment_token: "tok_chargeDeclined" });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const order = await settledOrder(sys, customer.token, placed.body.id);
    assert.equal(order.status, "cancelled");
    assert.equal(order.status_reason, "payment_declined");

    const released = await sys.events.expect("inventory.released", (e) => (e.payload as { order_id: string }).order_id === order.id);
    assert.equal((released.payload as { reason: string }).reason, "payment_declined");
    assert.deepEqual(await stockOf(sys, productId).then(({ on_hand, reserved, available }) => ({ on_hand, reserved, available })), { on_hand: 5, reserved: 0, available: 5 });
    const charges = await chargesOf(sys, order.id);
    assert.equal(charges.filter((c) => c.status === "succeeded").length, 0, "no money was taken");

    const failed = await awaitNotification(sys, customer.token, "payment_failed");
    assert.equal(failed.data.decline_code, "card_declined");
    const cancelled = await awaitNotification(sys, customer.token, "order_cancelled");
    assert.deepEqual({ order_id: cancelled.data.order_id, reason: cancelled.data.reason }, { order_id: order.id, reason: "payment_declined" });
  }),

  check("insufficient funds is a decline too", async (sys) => {
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, await newProduct(sys, { price: 10, inventory: 1 }), 1);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_insufficient_funds" });
    const order = await settledOrder(sys, customer.token, placed.body.id);
    assert.deepEqual({ status: order.status, reason: order.status_reason }, { status: "cancelled", reason: "payment_declined" });
  }),
]);
