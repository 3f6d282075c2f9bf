import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import { check, defineSuite } from "../../suite.ts";
import { TEST_RESERVATION_TTL_MS } from "../../test-env.ts";
import { bearer, newCustomer } from "../shared/identity.ts";
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
  check("warehouse 5 min ahead: a reservation the saga cannot commit is held for its whole TTL, then expires; the charge refunded", async (sys) => {
    const productId = await newProduct(sys, { price: 7, inventory: 5 });
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, productId, 1);
    const reserved = async () => (await stockOf(sys, productId)).reserved;
    const skew = `clock:warehouse=+${FIVE_MINUTES}`;
    const order = await sys.withFrozenClock(() =>
      // The commit never answers: the saga, past its pivot (charged), keeps calling it while the reservation ages.
      sys.withFaults(`${skew},blackhole:warehouse.commit`, async () => {
        const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
        assert.equal(placed.status, 202, JSON.stringify(placed.body));
        await eventually(async () => assert.equal((await chargesOf(sys, placed.body.id)).length, 1, "not charged yet"));
        await sys.clock({ advance_ms: TEST_RESERVATION_TTL_MS - 5000 });
        // Five minutes of skew and almost its TTL later, the reservation still holds: it is not expired early.
        assert.equal(await reserved(), 1);
        await sys.clock({ advance_ms: 10_000 });
        await eventually(async () => assert.equal(await reserved(), 0, "the expired reservation still holds its stock"));
        // The commit gets through again, still skewed, and finds the reservation expired: the saga refunds and cancels.
        await sys.faults(skew);
        return sys.advanceUntil(async () => {
          const now = await sys.http.get(`/api/v1/orders/${placed.body.id}`, { headers: bearer(customer.token) });
          assert.equal(now.body.saga_step, "done", `the saga is still at ${now.body.saga_step}`);
          return now.body;
        });
      }),
    );
    await sys.idle();
    assert.deepEqual([order.status, order.status_reason], ["cancelled", "reservation_expired"]);
    const charges = await chargesOf(sys, order.id);
    assert.deepEqual(
      charges.map((c) => c.amount_refunded_cents === c.amount_cents),
      [true],
    );
    const stock = await stockOf(sys, productId);
    assert.deepEqual([stock.on_hand, stock.reserved], [5, 0]);
  }),
]);
