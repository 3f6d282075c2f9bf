import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { toCents } from "../../contracts/money.ts";
import { CreateChargeBody } from "../../contracts/payments/api.ts";
import { ChargeCard } from "../../contracts/payments/calls.ts";
import { maximumOf } from "../../harness/contract-limits.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { paymentsModule } from "./module.ts";

const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };
const maxAmount = maximumOf(CreateChargeBody.entries.amount);
const maxAmountCents = maximumOf(ChargeCard.request.entries.amount_cents);

describe("payments at the contracts' largest amounts", () => {
  let system: InProcessSystem;
  const stored = (where: string, value: string) =>
    system.client.sql("payments", `select amount_cents, amount_refunded_cents from charges where ${where} = ?`, [value]);

  beforeAll(async () => {
    system = await inProcess({ modules: [paymentsModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("charges and refunds the most an operator may charge, stored and read back exactly", async () => {
    const key = crypto.randomUUID();
    const charged = await system.client.http.post(
      "/api/v1/payments/charges",
      { amount: maxAmount, token: "tok_visa" },
      { headers: { ...operator, "idempotency-key": key } },
    );
    expect(charged.status, JSON.stringify(charged.body)).toBe(201);
    expect(await stored("idempotency_key", `operator:${key}`)).toEqual([{ amount_cents: toCents(maxAmount), amount_refunded_cents: 0 }]);
    const refunded = await system.client.http.post(
      `/api/v1/payments/charges/${charged.body.id}/refunds`,
      {},
      { headers: { ...operator, "idempotency-key": crypto.randomUUID() } },
    );
    expect([refunded.status, refunded.body.amount]).toEqual([201, maxAmount]);
    expect((await system.client.http.get(`/api/v1/payments/charges/${charged.body.id}`, { headers: operator })).body).toMatchObject({
      amount: maxAmount,
      amount_refunded: maxAmount,
    });
    expect(await system.client.sql("payments", "select amount_cents from refunds where charge_id = ?", [charged.body.id])).toEqual([
      { amount_cents: toCents(maxAmount) },
    ]);
  });

  it("charges the most an order may cost over the bus, stored exactly", async () => {
    const orderId = crypto.randomUUID();
    const reply = await system.monolith.bus.call("orders", ChargeCard, {
      idempotency_key: crypto.randomUUID(),
      order_id: orderId,
      user_id: "user-1",
      amount_cents: maxAmountCents,
      currency: "usd",
      token: "tok_visa",
    });
    expect(reply.amount_cents).toBe(maxAmountCents);
    expect(await stored("order_id", orderId)).toEqual([{ amount_cents: maxAmountCents, amount_refunded_cents: 0 }]);
  });
});
