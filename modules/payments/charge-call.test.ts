import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { ChargeCard, RefundCharge } from "../../contracts/payments/calls.ts";
import { eventually } from "../../harness/eventually.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { paymentsModule } from "./module.ts";

describe("payments.charge and payments.refund over the bus", () => {
  let system: InProcessSystem;
  const request = (overrides: Partial<{ token: string; amount_cents: number; idempotency_key: string }> = {}) => ({
    idempotency_key: crypto.randomUUID(),
    order_id: crypto.randomUUID(),
    user_id: "user-1",
    amount_cents: 5998,
    currency: "usd" as const,
    token: "tok_visa",
    ...overrides,
  });
  const charge = (req: ReturnType<typeof request>) => system.monolith.bus.call("orders", ChargeCard, req);
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected the call to fail");
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(AppError);
        return error as AppError;
      },
    );
  const chargesOf = (orderId: string) =>
    system.client.sql<{ id: string; status: string; user_id: string; amount_cents: string }>(
      "payments",
      "select id, status, user_id, amount_cents::text as amount_cents from charges where order_id = ?",
      [orderId],
    );

  beforeAll(async () => {
    system = await inProcess({ modules: [paymentsModule], calls: shopCalls, events: shopEvents }, { TWOFOLD_PAYMENT_SLOW_MS: "500" });
  });
  afterAll(() => system.stop());

  it("charges once per key: a replay answers the same charge", async () => {
    await system.client.events.fromNow();
    const req = request();
    const reply = await charge(req);
    expect(reply).toEqual({ charge_id: expect.any(String), amount_cents: 5998, status: "succeeded" });
    expect(await charge(req)).toEqual(reply);
    expect(await chargesOf(req.order_id)).toEqual([{ id: reply.charge_id, status: "succeeded", user_id: "user-1", amount_cents: "5998" }]);
    await system.client.idle();
    const events = await system.client.events.all("payment.succeeded", (e) => (e.payload as { order_id: string }).order_id === req.order_id);
    expect(events.map((e) => e.payload)).toEqual([{ charge_id: reply.charge_id, order_id: req.order_id, user_id: "user-1", amount_cents: 5998 }]);
  });

  it("declines with payment_declined, and replays the decline without a second charge", async () => {
    await system.client.events.fromNow();
    const req = request({ token: "tok_insufficient_funds" });
    const first = await failure(charge(req));
    expect(first.code).toBe("payment_declined");
    expect(first.details).toEqual({ charge_id: expect.any(String), decline_code: "insufficient_funds" });
    const again = await failure(charge(req));
    expect({ code: again.code, details: again.details }).toEqual({ code: first.code, details: first.details });
    expect(await chargesOf(req.order_id)).toEqual([expect.objectContaining({ status: "declined" })]);
    const failed = await system.client.events.expect("payment.failed", (e) => (e.payload as { order_id: string }).order_id === req.order_id);
    expect(failed.payload).toMatchObject({ charge_id: (first.details as { charge_id: string }).charge_id, decline_code: "insufficient_funds" });
  });

  it("refuses the same key with another request", async () => {
    const req = request();
    await charge(req);
    expect((await failure(charge({ ...req, amount_cents: 1 }))).code).toBe("idempotency_key_reused");
    expect(await chargesOf(req.order_id)).toHaveLength(1);
  });

  it("tells a second attempt that the first is still running", async () => {
    const req = request({ token: "tok_slow" });
    const slow = charge(req);
    await eventually(async () =>
      expect(
        await system.client.sql("payments", "select state from idempotency_keys where scope = 'call' and key = ?", [req.idempotency_key]),
      ).toEqual([{ state: "in_progress" }]),
    );
    expect((await failure(charge(req))).code).toBe("idempotency_key_in_progress");
    const reply = await slow;
    expect(await charge(req)).toEqual(reply);
    expect(await chargesOf(req.order_id)).toHaveLength(1);
  });

  it("lets the same key retry after a provider error, with nothing stored for the failure", async () => {
    const req = request({ token: "tok_processing_error" });
    expect((await failure(charge(req))).code).toBe("payment_provider_error");
    expect((await failure(charge(req))).code).toBe("payment_provider_error");
    expect(await chargesOf(req.order_id)).toEqual([]);
    const retried = await charge({ ...req, token: "tok_visa" });
    expect(retried.status).toBe("succeeded");
    expect(await chargesOf(req.order_id)).toEqual([expect.objectContaining({ id: retried.charge_id, status: "succeeded" })]);
  });

  it("charges once when one key arrives twice at the same moment", async () => {
    const req = request();
    const outcomes = await Promise.allSettled([charge(req), charge(req), charge(req)]);
    const ids = new Set(outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.charge_id] : [])));
    expect(ids.size).toBe(1);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as AppError).code).toBe("idempotency_key_in_progress");
    expect(await chargesOf(req.order_id)).toHaveLength(1);
  });

  it("refunds in full once, however often and concurrently it is asked", async () => {
    await system.client.events.fromNow();
    const req = request({ amount_cents: 1999 });
    const { charge_id } = await charge(req);
    const refunds = await Promise.all(
      [1, 2, 3].map(() => system.monolith.bus.call("orders", RefundCharge, { charge_id, reason: "order_cancelled" })),
    );
    expect(new Set(refunds.map((r) => r.refund_id)).size).toBe(1);
    expect(refunds[0]).toEqual({ refund_id: expect.any(String), charge_id, amount_cents: 1999 });
    expect(await system.client.sql("payments", "select amount_refunded_cents::text as refunded from charges where id = ?", [charge_id])).toEqual([
      { refunded: "1999" },
    ]);
    expect(await system.client.sql("payments", "select id from refunds where charge_id = ?", [charge_id])).toHaveLength(1);
    await system.client.idle();
    const events = await system.client.events.all("payment.refunded", (e) => (e.payload as { charge_id: string }).charge_id === charge_id);
    expect(events.map((e) => e.payload)).toEqual([
      { refund_id: refunds[0]?.refund_id, charge_id, order_id: req.order_id, user_id: "user-1", amount_cents: 1999, reason: "order_cancelled" },
    ]);
  });

  it("answers charge_not_found for an unknown charge and charge_not_refundable for a declined one", async () => {
    expect((await failure(system.monolith.bus.call("orders", RefundCharge, { charge_id: "nope", reason: "x" }))).code).toBe("charge_not_found");
    const declined = await failure(charge(request({ token: "tok_chargeDeclined" })));
    const { charge_id } = declined.details as { charge_id: string };
    expect((await failure(system.monolith.bus.call("orders", RefundCharge, { charge_id, reason: "x" }))).code).toBe("charge_not_refundable");
  });
});

describe("a charge whose idempotency key was lost (crash between storing the charge and completing the key)", () => {
  it("is answered again instead of charging twice", async () => {
    const system = await inProcess({ modules: [paymentsModule], calls: shopCalls, events: shopEvents });
    try {
      const req = {
        idempotency_key: crypto.randomUUID(),
        order_id: crypto.randomUUID(),
        user_id: "user-1",
        amount_cents: 100,
        currency: "usd" as const,
        token: "tok_visa",
      };
      const first = await system.monolith.bus.call("orders", ChargeCard, req);
      const db = system.monolith.modules.dbs.get("payments");
      await db?.em().execute(`delete from "payments"."idempotency_keys" where key = ?`, [req.idempotency_key]);
      expect(await system.monolith.bus.call("orders", ChargeCard, req)).toEqual(first);
      expect(await system.client.sql("payments", "select id from charges where order_id = ?", [req.order_id])).toEqual([{ id: first.charge_id }]);
    } finally {
      await system.stop();
    }
  });
});
