import assert from "node:assert/strict";
import { check, defineSuite } from "../../suite.ts";
import { addToCart, chargesOf, checkout, newCustomer, newProduct, settledOrder, stockOf } from "../shop.ts";

/** Journey 9: two customers check out the last unit at once → exactly one succeeds; stock 0, never −1. */
export const lastUnitJourney = defineSuite("Journey 9: last unit", [
  check("the last unit goes to exactly one of two concurrent checkouts", async (sys) => {
    const [ann, bob] = await Promise.all([newCustomer(sys, { name: "Ann" }), newCustomer(sys, { name: "Bob" })]);
    const productId = await newProduct(sys, { price: 250, inventory: 1 });
    await Promise.all([addToCart(sys, ann.token, productId, 1), addToCart(sys, bob.token, productId, 1)]);

    const [a, b] = await Promise.all([
      checkout(sys, ann.token, { payment_token: "tok_visa" }),
      checkout(sys, bob.token, { payment_token: "tok_visa" }),
    ]);
    assert.deepEqual([a.status, b.status], [202, 202]);
    const orders = await Promise.all([settledOrder(sys, ann.token, a.body.id), settledOrder(sys, bob.token, b.body.id)]);
    const outcomes = orders.map((o) => `${o.status}:${o.status_reason ?? ""}`).sort();
    assert.deepEqual(outcomes, ["cancelled:insufficient_stock", "confirmed:"]);

    assert.deepEqual(await stockOf(sys, productId).then(({ on_hand, reserved, available }) => ({ on_hand, reserved, available })), { on_hand: 0, reserved: 0, available: 0 });
    const loser = orders.find((o) => o.status === "cancelled");
    assert.equal((await chargesOf(sys, loser?.id ?? "")).length, 0, "the loser was never charged");
  }),
]);
