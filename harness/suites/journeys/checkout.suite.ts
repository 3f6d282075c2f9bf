import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import { check, defineSuite } from "../../suite.ts";
import { addToCart, awaitNotification, bearer, chargesOf, checkout, newCustomer, newProduct, settledOrder, stockOf } from "../shop.ts";

/** Journey 2: cart → checkout → confirmed, stock committed, charge captured, customer told; cents exact. */
export const checkoutJourney = defineSuite("Journey 2: checkout", [
  check("a checkout is confirmed with every module's state consistent", async (sys) => {
    await sys.events.fromNow();
    const customer = await newCustomer(sys);
    const widget = await newProduct(sys, { price: 29.99, inventory: 10 });
    const gadget = await newProduct(sys, { price: 5, inventory: 3 });
    await addToCart(sys, customer.token, widget, 2);
    await addToCart(sys, customer.token, gadget, 1);

    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa", discount_code: "SAVE10", price: 0.01, total: 0.01 } as never);
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    assert.equal(placed.body.status, "pending");
    const order = await settledOrder(sys, customer.token, placed.body.id);
    assert.equal(order.status, "confirmed");
    assert.deepEqual(
      { subtotal: order.subtotal, discount: order.discount, shipping: order.shipping, total: order.total },
      { subtotal: 64.98, discount: 6.5, shipping: 4.99, total: 63.47 },
      "client-sent prices are ignored; 10% of 64.98 is 6.50 rounded half up",
    );

    assert.deepEqual(await stockOf(sys, widget).then(({ on_hand, reserved, available }) => ({ on_hand, reserved, available })), { on_hand: 8, reserved: 0, available: 8 });
    assert.deepEqual(await stockOf(sys, gadget).then(({ on_hand, reserved }) => ({ on_hand, reserved })), { on_hand: 2, reserved: 0 });
    const charges = await chargesOf(sys, order.id);
    assert.deepEqual(charges.map(({ status, amount_cents, amount_refunded_cents }) => ({ status, amount_cents, amount_refunded_cents })), [
      { status: "succeeded", amount_cents: 6347, amount_refunded_cents: 0 },
    ]);
    const confirmation = await awaitNotification(sys, customer.token, "order_confirmed");
    assert.equal(confirmation.data.order_id, order.id);

    await eventually(async () => {
      const cart = await sys.http.get("/api/v1/cart", { headers: bearer(customer.token) });
      assert.deepEqual(cart.body.items, [], "the ordered items leave the cart");
    });
    await eventually(async () => {
      const product = await sys.http.get(`/api/v1/products/${widget}`);
      assert.equal(product.body.inventory, 8, "the catalogue's stock read model catches up");
    });
    const chain = ["order.placed", "inventory.reserved", "payment.succeeded", "inventory.committed", "order.confirmed"];
    for (const type of chain) {
      const event = await sys.events.expect(type, (e) => (e.payload as { order_id?: string }).order_id === order.id);
      assert.equal(event.correlationId, placed.headers.get("x-correlation-id"), `${type} belongs to the checkout's conversation`);
    }
  }),

  check("an invalid discount code is refused and nothing is ordered", async (sys) => {
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, await newProduct(sys, { price: 1, inventory: 1 }), 1);
    const refused = await checkout(sys, customer.token, { payment_token: "tok_visa", discount_code: "FREEMONEY" });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, "invalid_discount_code");
    const orders = await sys.http.get("/api/v1/orders", { headers: bearer(customer.token) });
    assert.deepEqual(orders.body.orders, []);
  }),

  check("an empty cart cannot be checked out", async (sys) => {
    const customer = await newCustomer(sys);
    const refused = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, "cart_empty");
  }),
]);
