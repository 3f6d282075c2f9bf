import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { eventually } from "../../harness/eventually.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { paymentsModule } from "./module.ts";

const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };

describe("payments operator API", () => {
  let system: InProcessSystem;
  const charge = (body: unknown, key?: string) =>
    system.client.http.post("/api/v1/payments/charges", body, { headers: { ...operator, ...(key ? { "idempotency-key": key } : {}) } });
  const refund = (chargeId: string, key: string, body?: unknown) =>
    system.client.http.post(`/api/v1/payments/charges/${chargeId}/refunds`, body, { headers: { ...operator, "idempotency-key": key } });
  const chargeRows = (key: string) =>
    system.client.sql<{ id: string; status: string; amount_cents: string }>(
      "payments",
      "select id, status, amount_cents::text as amount_cents from charges where idempotency_key = ?",
      [`operator:${key}`],
    );
  const key = () => crypto.randomUUID();

  beforeAll(async () => {
    system = await inProcess({ modules: [paymentsModule], calls: shopCalls, events: shopEvents }, { TWOFOLD_PAYMENT_SLOW_MS: "500" });
  });
  afterAll(() => system.stop());

  it("charges tok_visa: 201, exact money stored in cents, payment.succeeded", async () => {
    await system.client.events.fromNow();
    const k = key();
    const created = await charge({ amount: 19.99, currency: "eur", token: "tok_visa", description: "test", status: "declined" }, k);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      amount: 19.99,
      amount_refunded: 0,
      currency: "eur",
      status: "succeeded",
      decline_code: null,
      order_id: null,
    });
    expect(await chargeRows(k)).toEqual([{ id: created.body.id, status: "succeeded", amount_cents: "1999" }]);
    const event = await system.client.events.expect("payment.succeeded", (e) => (e.payload as { charge_id: string }).charge_id === created.body.id);
    expect(event.payload).toEqual({ charge_id: created.body.id, order_id: null, user_id: null, amount_cents: 1999 });
    expect((await system.client.http.get(`/api/v1/payments/charges/${created.body.id}`, { headers: operator })).body).toEqual(created.body);
  });

  it("keeps large amounts exact", async () => {
    const k = key();
    const created = await charge({ amount: 99_999_999.99, token: "tok_visa" }, k);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amount: 99_999_999.99, currency: "usd" });
    expect((await chargeRows(k))[0]?.amount_cents).toBe("9999999999");
  });

  it.each([
    ["tok_chargeDeclined", "card_declined"],
    ["tok_insufficient_funds", "insufficient_funds"],
    ["tok_stolen_card", "card_declined"],
  ])("declines %s with 402 %s, stores the declined charge and publishes payment.failed", async (token, declineCode) => {
    await system.client.events.fromNow();
    const k = key();
    const declined = await charge({ amount: 5, token }, k);
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: "payment_declined", details: { decline_code: declineCode } });
    const chargeId = declined.body.error.details.charge_id as string;
    expect(await chargeRows(k)).toEqual([{ id: chargeId, status: "declined", amount_cents: "500" }]);
    const event = await system.client.events.expect("payment.failed", (e) => (e.payload as { charge_id: string }).charge_id === chargeId);
    expect(event.payload).toMatchObject({ amount_cents: 500, decline_code: declineCode });
    const view = await system.client.http.get(`/api/v1/payments/charges/${chargeId}`, { headers: operator });
    expect(view.body).toMatchObject({ status: "declined", decline_code: declineCode, amount: 5 });
  });

  it("answers a provider error with 503, stores nothing and lets the same key try again", async () => {
    const k = key();
    const failed = await charge({ amount: 5, token: "tok_processing_error" }, k);
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe("payment_provider_error");
    expect((await charge({ amount: 5, token: "tok_processing_error" }, k)).status).toBe(503);
    expect(await chargeRows(k)).toEqual([]);
    const retried = await charge({ amount: 5, token: "tok_visa" }, k);
    expect(retried.status).toBe(201);
    expect(await chargeRows(k)).toHaveLength(1);
  });

  it("replays the same key and body: the first response again, one charge", async () => {
    await system.client.events.fromNow();
    const k = key();
    const first = await charge({ amount: 12.5, token: "tok_visa" }, k);
    const again = await charge({ token: "tok_visa", amount: 12.5 }, k);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await chargeRows(k)).toHaveLength(1);
    await system.client.idle();
    expect(await system.client.events.all("payment.succeeded", (e) => (e.payload as { charge_id: string }).charge_id === first.body.id)).toHaveLength(
      1,
    );
  });

  it("replays a decline as a decline of the same charge", async () => {
    const k = key();
    const first = await charge({ amount: 3, token: "tok_chargeDeclined" }, k);
    const again = await charge({ amount: 3, token: "tok_chargeDeclined" }, k);
    expect(again.status).toBe(402);
    expect(again.body).toEqual(first.body);
    expect(await chargeRows(k)).toHaveLength(1);
  });

  it("refuses the same key with another body (422) and keeps the first charge only", async () => {
    const k = key();
    expect((await charge({ amount: 10, token: "tok_visa" }, k)).status).toBe(201);
    const reused = await charge({ amount: 11, token: "tok_visa" }, k);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    expect(await chargeRows(k)).toEqual([expect.objectContaining({ amount_cents: "1000" })]);
  });

  it("answers 409 while the first request with the key is still running", async () => {
    const k = key();
    const slow = charge({ amount: 7, token: "tok_slow" }, k);
    await eventually(async () =>
      expect(await system.client.sql("payments", "select state from idempotency_keys where scope = 'operator' and key = ?", [k])).toEqual([
        { state: "in_progress" },
      ]),
    );
    const meanwhile = await charge({ amount: 7, token: "tok_slow" }, k);
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.error.code).toBe("idempotency_key_in_progress");
    const first = await slow;
    expect(first.status).toBe(201);
    const after = await charge({ amount: 7, token: "tok_slow" }, k);
    expect(after.status).toBe(201);
    expect(after.body.id).toBe(first.body.id);
    expect(await chargeRows(k)).toHaveLength(1);
  });

  it("charges once when the same request arrives twice at the same moment", async () => {
    const k = key();
    const answers = await Promise.all([charge({ amount: 2, token: "tok_visa" }, k), charge({ amount: 2, token: "tok_visa" }, k)]);
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    expect(await chargeRows(k)).toHaveLength(1);
  });

  it("requires an Idempotency-Key (400) and stores nothing without one", async () => {
    const before = await system.client.sql<{ n: number }>("payments", "select count(*)::int as n from charges");
    const missing = await charge({ amount: 5, token: "tok_visa" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("idempotency_key_required");
    expect(await system.client.sql("payments", "select count(*)::int as n from charges")).toEqual(before);
  });

  it("validates the body and requires the operator key", async () => {
    const bad = await charge({ amount: 0.001, token: "visa", currency: "jpy" }, key());
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.error.details.map((d: { path: string }) => d.path))).toEqual(new Set(["amount", "currency", "token"]));
    const anonymous = await system.client.http.post(
      "/api/v1/payments/charges",
      { amount: 5, token: "tok_visa" },
      { headers: { "idempotency-key": key() } },
    );
    expect(anonymous.status).toBe(401);
    expect((await system.client.http.get("/api/v1/payments/charges/nope", { headers: operator })).body.error.code).toBe("charge_not_found");
  });

  it("refunds a charge in full once, however often it is asked", async () => {
    await system.client.events.fromNow();
    const created = await charge({ amount: 42.42, token: "tok_visa" }, key());
    const first = await refund(created.body.id, key(), { reason: "damaged" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ charge_id: created.body.id, amount: 42.42 });
    const replay = await refund(created.body.id, key());
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const view = await system.client.http.get(`/api/v1/payments/charges/${created.body.id}`, { headers: operator });
    expect(view.body).toMatchObject({ amount: 42.42, amount_refunded: 42.42 });
    expect(
      await system.client.sql("payments", "select reason, amount_cents::text as amount_cents from refunds where charge_id = ?", [created.body.id]),
    ).toEqual([{ reason: "damaged", amount_cents: "4242" }]);
    await system.client.idle();
    const events = await system.client.events.all("payment.refunded", (e) => (e.payload as { charge_id: string }).charge_id === created.body.id);
    expect(events.map((e) => e.payload)).toEqual([
      { refund_id: first.body.id, charge_id: created.body.id, order_id: null, user_id: null, amount_cents: 4242, reason: "damaged" },
    ]);
  });

  it("refuses to refund a declined or unknown charge, and needs a key", async () => {
    const declined = await charge({ amount: 1, token: "tok_chargeDeclined" }, key());
    const refused = await refund(declined.body.error.details.charge_id, key());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("charge_not_refundable");
    expect((await refund("no-such-charge", key())).status).toBe(404);
    const keyless = await system.client.http.post(
      `/api/v1/payments/charges/${declined.body.error.details.charge_id}/refunds`,
      {},
      { headers: operator },
    );
    expect(keyless.body.error.code).toBe("idempotency_key_required");
  });
});
