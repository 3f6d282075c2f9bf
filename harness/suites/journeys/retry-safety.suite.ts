import assert from "node:assert/strict";
import { check, defineSuite, unique } from "../../suite.ts";
import { addToCart, bearer, chargesOf, checkout, newCustomer, newProduct, notificationsOf, settledOrder, stockOf, verifyEmail } from "../shop.ts";

/** Journey 7: the same checkout twice with one Idempotency-Key, and the same event delivered twice: one effect. */
export const retrySafetyJourney = defineSuite("Journey 7: retry safety", [
  check("one Idempotency-Key, sent twice (also at once): one order, one charge, one reservation", async (sys) => {
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 20, inventory: 10 });
    await addToCart(sys, customer.token, productId, 2);
    const key = unique("key");

    const [first, second] = await Promise.all([
      checkout(sys, customer.token, { payment_token: "tok_visa" }, key),
      checkout(sys, customer.token, { payment_token: "tok_visa" }, key),
    ]);
    const statuses = [first.status, second.status].sort();
    assert.ok(JSON.stringify(statuses) === "[202,202]" || JSON.stringify(statuses) === "[202,409]", `statuses ${statuses}`);
    const accepted = first.status === 202 ? first : second;
    const replay = await checkout(sys, customer.token, { payment_token: "tok_visa" }, key);
    assert.equal(replay.status, 202);
    assert.equal(replay.body.id, accepted.body.id, "the replay answers the same order");
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    const changed = await checkout(sys, customer.token, { payment_token: "tok_visa", discount_code: "SAVE10" }, key);
    assert.equal(changed.status, 422, "the same key with another body is refused");
    assert.equal(changed.body.error.code, "idempotency_key_reused");

    const order = await settledOrder(sys, customer.token, accepted.body.id);
    assert.equal(order.status, "confirmed");
    const orders = await sys.http.get("/api/v1/orders", { headers: bearer(customer.token) });
    assert.equal(orders.body.orders.length, 1, "one order");
    assert.equal((await chargesOf(sys, order.id)).length, 1, "one charge");
    assert.equal((await sys.sql("warehouse", "select id from reservations where order_id = ?", [order.id])).length, 1, "one reservation");
    assert.equal((await stockOf(sys, productId)).on_hand, 8);
  }),

  check("a refusal before the checkout ran is not replayed: verified, the same retry goes through", async (sys) => {
    const customer = await newCustomer(sys, { verified: false });
    const productId = await newProduct(sys, { price: 20, inventory: 10 });
    await addToCart(sys, customer.token, productId, 1);
    const key = unique("key");
    const refused = await checkout(sys, customer.token, { payment_token: "tok_visa" }, key);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, "email_not_verified");

    await verifyEmail(sys, customer.token);
    const retried = await checkout(sys, customer.token, { payment_token: "tok_visa" }, key);
    assert.equal(retried.status, 202, JSON.stringify(retried.body));
    assert.equal(retried.headers.get("idempotent-replayed"), null);
    assert.equal((await settledOrder(sys, customer.token, retried.body.id)).status, "confirmed");
  }),
  check("an event delivered twice has one effect", async (sys) => {
    await sys.events.fromNow();
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 15, inventory: 10 });
    await addToCart(sys, customer.token, productId, 1);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    const order = await settledOrder(sys, customer.token, placed.body.id);
    const confirmed = await sys.events.expect("order.confirmed", (e) => (e.payload as { order_id: string }).order_id === order.id);
    const succeeded = await sys.events.expect("payment.succeeded", (e) => (e.payload as { order_id: string }).order_id === order.id);
    await sys.idle();
    await addToCart(sys, customer.token, productId, 4);

    for (const event of [confirmed, succeeded, confirmed]) {
      const redelivered = await sys.http.post("/__twofold/redeliver", { event_id: event.id });
      assert.equal(redelivered.status, 202, JSON.stringify(redelivered.body));
    }
    await sys.idle();
    assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1, "one confirmation");
    const cart = await sys.http.get("/api/v1/cart", { headers: bearer(customer.token) });
    assert.deepEqual(cart.body.items, [{ product_id: productId, quantity: 4 }], "the cart lost the ordered item once, not twice");
    const [charge] = await chargesOf(sys, order.id);
    assert.equal(charge?.amount_refunded_cents, 0, "a redelivered payment.succeeded does not refund a confirmed order");
  }),
]);
