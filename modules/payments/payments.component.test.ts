import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChargeCard, RefundCharge } from "../../contracts/payments/calls.ts";
import { eventually } from "../../harness/eventually.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { type Neighbour, neighbourOf } from "../../harness/stubs/neighbour.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { paymentsModule } from "./module.ts";

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
const charge = (token: string) => {
  const orderId = crypto.randomUUID();
  return { idempotency_key: `order:${orderId}:charge`, order_id: orderId, user_id: "u-1", amount_cents: 3498, currency: "usd" as const, token };
};

/**
 * Payments alone, on its real database and its fake card provider. It calls no other module, so no stub stands
 * in for anyone; what the unit tests do not show is its calls answered over the wire to a caller that gives up.
 */
describe("payments as a component", () => {
  let payments: Component;
  let orders: Neighbour;
  const chargesOf = (orderId: string) =>
    payments.client.sql<{ id: string; status: string }>("payments", "select id, status from charges where order_id = ?", [orderId]);

  beforeAll(async () => {
    payments = await startComponent(paymentsModule, { env: { TWOFOLD_PAYMENT_SLOW_MS: "1000" } });
    orders = neighbourOf(payments, "orders");
  });
  afterAll(async () => {
    orders.stop();
    await payments.stop();
  });

  it("charges, declines and refunds for orders over the wire, each visible through its operator API", async () => {
    const paid = charge("tok_visa");
    const reply = await orders.call(ChargeCard, paid);
    expect(reply).toEqual({ charge_id: expect.any(String), amount_cents: 3498, status: "succeeded" });
    expect((await payments.client.http.get(`/api/v1/payments/charges/${reply.charge_id}`, operator)).body).toMatchObject({
      amount: 34.98,
      status: "succeeded",
      order_id: paid.order_id,
    });
    expect(await orders.call(RefundCharge, { charge_id: reply.charge_id, reason: "reservation_expired" })).toEqual({
      refund_id: expect.any(String),
      charge_id: reply.charge_id,
      amount_cents: 3498,
    });

    const declined = charge("tok_chargeDeclined");
    await expect(orders.call(ChargeCard, declined)).rejects.toMatchObject({ code: "payment_declined", details: { decline_code: "card_declined" } });
    const [refused] = await chargesOf(declined.order_id);
    expect(refused?.status).toBe("declined");
    await expect(orders.call(RefundCharge, { charge_id: refused?.id ?? "", reason: "payment_declined" })).rejects.toMatchObject({
      code: "charge_not_refundable",
    });
    await expect(orders.call(RefundCharge, { charge_id: "ch-unknown", reason: "order_cancelled" })).rejects.toMatchObject({
      code: "charge_not_found",
    });
  });

  it("finishes a slow charge its caller gave up on, tells a retry it is still running, then replays it: one charge", async () => {
    await payments.client.events.fromNow();
    const slow = charge("tok_slow");
    await expect(orders.call(ChargeCard, slow, { timeoutMs: 300 })).rejects.toMatchObject({ code: "call_timeout" });
    await expect(orders.call(ChargeCard, slow)).rejects.toMatchObject({ code: "idempotency_key_in_progress" });
    const reply = await eventually(() => orders.call(ChargeCard, slow));
    expect(reply).toMatchObject({ amount_cents: 3498, status: "succeeded" });
    expect(await chargesOf(slow.order_id)).toEqual([{ id: reply.charge_id, status: "succeeded" }]);
    await payments.client.idle();
    expect(await payments.client.events.all("payment.succeeded", (e) => (e.payload as { order_id: string }).order_id === slow.order_id)).toHaveLength(
      1,
    );
  });
});
