import assert from "node:assert/strict";
import { check, defineSuite } from "../../suite.ts";
import { addToCart, address, awaitNotification, bearer, checkout, newCustomer, newProduct, settledOrder } from "../shop.ts";

/** Journey 1: register → verify email (token from the notification) → complete profile → first order. */
export const onboardingJourney = defineSuite("Journey 1: onboarding", [
  check("a new customer verifies, completes the profile and places a first order", async (sys) => {
    const customer = await newCustomer(sys, { verified: false, name: "Grace" });
    const productId = await newProduct(sys, { price: 12.5, inventory: 10 });
    await addToCart(sys, customer.token, productId, 1);

    const early = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    assert.equal(early.status, 403, JSON.stringify(early.body));
    assert.equal(early.body.error.code, "email_not_verified");

    await awaitNotification(sys, customer.token, "welcome");
    const mail = await awaitNotification(sys, customer.token, "verify_email");
    assert.ok(mail.data.token, "the verification notification carries the token");
    const verified = await sys.http.post("/api/v1/auth/verify-email", { token: mail.data.token });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.email_verified, true);
    const reused = await sys.http.post("/api/v1/auth/verify-email", { token: mail.data.token });
    assert.equal(reused.status, 400, "a verification token works once");

    const profile = await sys.http.request("PUT", "/api/v1/profile", { body: { name: "Grace Hopper", address }, headers: bearer(customer.token) });
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    assert.equal(profile.body.profile_complete, true);
    const stored = await sys.sql("users", "select email_verified_at is not null as verified, name from users where id = ?", [customer.id]);
    assert.deepEqual(stored, [{ verified: true, name: "Grace Hopper" }]);

    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const order = await settledOrder(sys, customer.token, placed.body.id);
    assert.equal(order.status, "confirmed");
    assert.equal(order.total, 17.49, "12.50 plus 4.99 shipping");
    await awaitNotification(sys, customer.token, "order_confirmed");
  }),
]);
