import assert from "node:assert/strict";
import { check, defineSuite } from "../../suite.ts";
import { newCustomer } from "../shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, settledOrder, stockOf } from "./steps.ts";

const FIVE_MINUTES = 5 * 60_000;

/**
 * Modules whose clocks disagree (the `clock:` fault, a module's clock in every topology). The shop holds
 * because no module compares another's timestamp with its own clock: a reservation travels as a TTL, a
 * checkout's deadline is orders' own, catalogue updates are ordered by version. These checks keep it so.
 */
export const clockSkewSuite = defineSuite("Clock skew", [
  check("warehouse 5 min ahead and orders 5 min behind: a checkout confirms, charged once, its stock taken once", async (sys) => {
    const productId = await newProduct(sys, { price: 7, inventory: 5 });
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, productId, 1);
    await sys.events.fromNow();
    const order = await sys.withFaults(`clock:warehouse=+${FIVE_MINUTES},clock:orders=-${FIVE_MINUTES}`, async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      const settled = await settledOrder(sys, customer.token, placed.body.id);
      await sys.idle();
      return settled;
    });
    assert.deepEqual([order.status, order.status_reason], ["confirmed", null]);
    assert.deepEqual(
      (await chargesOf(sys, order.id)).map((c) => c.status),
      ["succeeded"],
    );
    const stock = await stockOf(sys, productId);
    assert.deepEqual([stock.on_hand, stock.reserved], [4, 0]);
    // The skew was real: each module stamped what it published with its own time, ten minutes apart.
    const ofOrder = (e: { payload: unknown }) => (e.payload as { order_id?: string }).order_id === order.id;
    const placedAt = Date.parse((await sys.events.expect("order.placed", ofOrder)).occurredAt);
    const reservedAt = Date.parse((await sys.events.expect("inventory.reserved", ofOrder)).occurredAt);
    assert.ok(reservedAt - placedAt > 2 * FIVE_MINUTES - 60_000, `inventory.reserved ${reservedAt - placedAt} ms after order.placed`);
  }),
]);
