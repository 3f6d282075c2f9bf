import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ReadFlag } from "../../contracts/flags/calls.ts";
import { HasPurchased } from "../../contracts/orders/calls.ts";
import { PaymentSucceeded } from "../../contracts/payments/events.ts";
import { eventually } from "../../harness/eventually.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { deliver, eventUse, redeliver } from "../../harness/stubs/deliveries.ts";
import { neighbourOf } from "../../harness/stubs/neighbour.ts";
import { inProviderStates } from "../../harness/stubs/provider-states.ts";
import type { StubOptions } from "../../harness/stubs/stub-handlers.ts";
import { clock } from "../../runtime/clock.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import { ordersConsumes } from "./consumes.ts";
import { ordersModule } from "./module.ts";

/** What the stubs generated from orders' consumer contract know. */
const buyer = "u-ct-orders-verified";
const lamp = "p-ct-orders-lamp";
const operatorsBuyer = "u-ct-orders-buyer";
const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const address = { street: "1 Contract Way", city: "Testville", postal_code: "12345", country: "nl" };

/**
 * Fields orders generates or computes, which the stubs do not compare: order ids and the charge key derived
 * from them, the charge's amount (from the catalogue's price and the cart stub's quantity), the session's user
 * asking for its cart (the cart stub's example is another user's), the reservation's lines and lifetime, and
 * the charge id a refund names (the charge stub's reply). What still picks the interaction: the payment token,
 * the release's reason, the refund's reason.
 */
const generated: Record<string, readonly string[]> = {
  "cart.get": ["user_id"],
  "warehouse.reserve": ["order_id", "items", "ttl_ms"],
  "warehouse.commit": ["order_id"],
  "warehouse.release": ["order_id"],
  "payments.charge": ["idempotency_key", "order_id", "amount_cents"],
  "payments.refund": ["charge_id"],
};
/** Compensations whose reason no interaction of the contract names (the warehouse and payments treat it as a note). */
const anyReason = { "warehouse.release": ["reason"], "payments.refund": ["reason"] };

/** For the tests about a checkout running out of time: the rest keep a deadline no load can reach. */
const shortDeadline = { TWOFOLD_CHECKOUT_TIMEOUT_MS: "1000" };

interface Setup extends StubOptions {
  readonly states?: Record<string, string>;
  readonly env?: Record<string, string>;
}

/** Orders alone on its real database, its neighbours stubbed from its contract, some of them in a given state. */
const startOrders = (setup: Setup = {}): Promise<Component> => {
  const ignore: Record<string, readonly string[]> = { ...generated };
  for (const [call, fields] of Object.entries(setup.ignore ?? {})) ignore[call] = [...(ignore[call] ?? []), ...fields];
  return startComponent(inProviderStates(ordersModule, setup.states ?? {}), {
    ignore,
    slow: setup.slow,
    env: { TWOFOLD_CHECKOUT_TIMEOUT_MS: "10000", ...setup.env },
    flagSource: ReadFlag,
  });
};

const conversation = () => `ct-${crypto.randomUUID()}`;

const checkout = (
  orders: Component,
  options: { token?: string; payment_token?: string; key?: string; discount_code?: string; correlation?: string } = {},
) =>
  orders.client.http.post(
    "/api/v1/checkout",
    { shipping_address: address, payment_token: options.payment_token ?? "tok_visa", discount_code: options.discount_code, total: 0.01 },
    {
      headers: {
        ...bearer(options.token ?? "tok-ct-orders-verified"),
        "idempotency-key": options.key ?? crypto.randomUUID(),
        "x-correlation-id": options.correlation ?? conversation(),
      },
    },
  );

const placeOrder = (orders: Component, body: unknown, correlation = conversation()) =>
  orders.client.http.post("/api/v1/orders", body, { headers: { ...operator, "x-correlation-id": correlation } });

/** The order once its saga has run to the end (confirmed, cancelled, or an operator's order committed). */
const settled = (orders: Component, id: string) =>
  eventually(async () => {
    const { status, body } = await orders.client.http.get(`/api/v1/orders/${id}`, { headers: operator });
    expect([status, body.saga_step]).toEqual([200, "done"]);
    return body;
  });

/**
 * Runs a checkout with time frozen, so its deadline is reached by the clock, not by how loaded the machine is:
 * whenever the saga waits for its next retry, time moves on to it, until the order is settled.
 */
const settledOnTheClock = async (orders: Component, place: () => Promise<string>) => {
  clock.freeze();
  try {
    const id = await place();
    return await eventually(async () => {
      const [saga] = await orders.client.sql<{ waiting: boolean; due_ms: string }>(
        "orders",
        "select (step <> 'done' and lease_until is null) as waiting, extract(epoch from next_run_at) * 1000 as due_ms from sagas where order_id = ?",
        [id],
      );
      const wait = saga?.waiting ? Number(saga.due_ms) - clock.nowMs() : 0;
      if (wait > 0) clock.advance(wait);
      const { status, body } = await orders.client.http.get(`/api/v1/orders/${id}`, { headers: operator });
      expect([status, body.saga_step]).toEqual([200, "done"]);
      return body;
    });
  } finally {
    clock.release();
  }
};

/** Every call orders made in one conversation, in order, with how each ended. */
const everyCallIn = async (orders: Component, correlation: string) => {
  const { body } = await orders.client.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${correlation}`);
  return body.trace.filter((t) => t.kind === "call").map((t) => `${t.name} ${t.outcome}`);
};

/** The calls of one checkout or order itself: the pricing flag is read once per process, by whichever comes first. */
const callsIn = async (orders: Component, correlation: string) =>
  (await everyCallIn(orders, correlation)).filter((call) => !call.startsWith("flags.read"));

const sagaOf = async (orders: Component, id: string) =>
  (
    await orders.client.sql<{ step: string; done: string[]; reason: string | null }>(
      "orders",
      "select step, done, reason from sagas where order_id = ?",
      [id],
    )
  )[0];

const orderRows = async (orders: Component) => (await orders.client.sql<{ n: number }>("orders", "select count(*)::int as n from orders"))[0]?.n;

describe("orders as a component", () => {
  let orders: Component;

  beforeAll(async () => {
    orders = await startOrders();
  });
  afterAll(() => orders.stop());

  it("checks the session's cart out: priced by the catalogue, reserved, charged, committed, confirmed", async () => {
    await orders.client.events.fromNow();
    const correlation = conversation();
    const placed = await checkout(orders, { correlation, discount_code: "freeship" });
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({
      user_id: buyer,
      status: "pending",
      items: [{ product_id: lamp, quantity: 2, unit_price: 29.99, line_total: 59.98 }],
      subtotal: 59.98,
      shipping: 4.99,
      discount: 4.99,
      total: 59.98,
      discount_code: "FREESHIP",
    });

    const order = await settled(orders, placed.body.id);
    expect([order.status, order.status_reason]).toEqual(["confirmed", null]);
    const confirmed = await orders.client.events.expect("order.confirmed", (e) => (e.payload as { order_id: string }).order_id === order.id);
    expect(confirmed.payload).toMatchObject({ user_id: buyer, total_cents: 5998, charge_id: "ch-ct-orders-paid" });
    expect(await callsIn(orders, correlation)).toEqual([
      "users.authenticate ok",
      "cart.get ok",
      "products.quote ok",
      "warehouse.reserve ok",
      "payments.charge ok",
      "warehouse.commit ok",
    ]);
    const mine = await orders.client.http.get("/api/v1/orders", { headers: bearer("tok-ct-orders-verified") });
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toContain(order.id);
  });

  it("replays a checkout sent again with the same Idempotency-Key: one order", async () => {
    const key = crypto.randomUUID();
    const first = await checkout(orders, { key });
    const again = await checkout(orders, { key });
    expect([again.status, again.headers.get("idempotent-replayed"), again.body]).toEqual([202, "true", first.body]);
    expect(await orders.client.sql("orders", "select id from orders where id = ?", [first.body.id])).toHaveLength(1);
    await settled(orders, first.body.id);
  });

  it("answers orders.has_purchased over the wire from its confirmed orders", async () => {
    const placed = await checkout(orders);
    await settled(orders, placed.body.id);
    const reviews = neighbourOf(orders, "reviews");
    try {
      expect(await reviews.call(HasPurchased, { user_id: buyer, product_id: lamp })).toEqual({ purchased: true });
      expect(await reviews.call(HasPurchased, { user_id: buyer, product_id: "p-never-ordered" })).toEqual({ purchased: false });
    } finally {
      reviews.stop();
    }
  });

  it("cancels a declined payment (payment_declined), releasing the reservation, never committing it", async () => {
    await orders.client.events.fromNow();
    const correlation = conversation();
    const placed = await checkout(orders, { correlation, payment_token: "tok_chargeDeclined" });
    expect(placed.status).toBe(202);
    const order = await settled(orders, placed.body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", "payment_declined"]);
    expect(await orders.client.events.expect("order.cancelled", (e) => (e.payload as { order_id: string }).order_id === order.id)).toMatchObject({
      payload: { reason: "payment_declined", user_id: buyer },
    });
    expect(await callsIn(orders, correlation)).toEqual([
      "users.authenticate ok",
      "cart.get ok",
      "products.quote ok",
      "warehouse.reserve ok",
      "payments.charge payment_declined",
      "warehouse.release ok",
    ]);
    expect(await sagaOf(orders, order.id)).toEqual({ step: "done", done: ["reserve"], reason: "payment_declined" });
  });

  it("refuses a checkout: no key 400, a token users does not know 401, an unverified email 403, an unknown discount 422", async () => {
    const before = await orderRows(orders);
    const noKey = await orders.client.http.post(
      "/api/v1/checkout",
      { shipping_address: address, payment_token: "tok_visa" },
      { headers: bearer("tok-ct-orders-verified") },
    );
    expect([noKey.status, noKey.body.error.code]).toEqual([400, "idempotency_key_required"]);
    const unknown = await checkout(orders, { token: "tok-ct-orders-unknown" });
    expect([unknown.status, unknown.body.error.code]).toEqual([401, "unauthenticated"]);
    const unverified = await checkout(orders, { token: "tok-ct-orders-unverified" });
    expect([unverified.status, unverified.body.error.code]).toEqual([403, "email_not_verified"]);
    const discount = await checkout(orders, { discount_code: "HALFOFF" });
    expect([discount.status, discount.body.error.code]).toEqual([422, "invalid_discount_code"]);
    expect((await orders.client.http.get("/api/v1/orders", { headers: bearer("tok-ct-orders-unknown") })).status).toBe(401);
    expect(await orderRows(orders)).toBe(before);
  });

  it("places an operator's order: the user exists, priced, reserved at once, committed, left pending", async () => {
    const correlation = conversation();
    const placed = await placeOrder(orders, { user_id: operatorsBuyer, items: [{ product_id: lamp, quantity: 1, unit_price: 0.01 }] }, correlation);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ user_id: operatorsBuyer, status: "pending", total: 29.99, shipping: 0 });
    const order = await settled(orders, placed.body.id);
    expect(order.status).toBe("pending");
    expect(await callsIn(orders, correlation)).toEqual(["users.get ok", "products.quote ok", "warehouse.reserve ok", "warehouse.commit ok"]);
    const listed = await orders.client.http.get(`/api/v1/orders?user_id=${operatorsBuyer}`, { headers: operator });
    expect(listed.body.orders.map((o: { id: string }) => o.id)).toContain(order.id);
  });

  it("refuses an operator's order for a user users does not know (422 unknown_user) or a product the catalogue does not (422 unknown_product)", async () => {
    const before = await orderRows(orders);
    const user = await placeOrder(orders, { user_id: "u-ct-orders-nobody", items: [{ product_id: lamp, quantity: 1 }] });
    expect([user.status, user.body.error.code]).toEqual([422, "unknown_user"]);
    const product = await placeOrder(orders, { user_id: operatorsBuyer, items: [{ product_id: "p-ct-orders-none", quantity: 1 }] });
    expect([product.status, product.body.error.code]).toEqual([422, "unknown_product"]);
    expect(await orderRows(orders)).toBe(before);
  });
});

describe("orders as a component, with neighbours in other states of its contract", () => {
  const started: Component[] = [];
  const ordersWith = async (setup: Setup) => {
    const orders = await startOrders(setup);
    started.push(orders);
    return orders;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
  });

  it("prices checkouts by the new_pricing flag, read once per process (off, as its contract's example: v1)", async () => {
    const orders = await ordersWith({});
    const [first, second] = [conversation(), conversation()];
    expect((await checkout(orders, { correlation: first })).body).toMatchObject({ pricing: "v1", shipping: 4.99 });
    expect((await checkout(orders, { correlation: second })).body).toMatchObject({ pricing: "v1", shipping: 4.99 });
    expect((await everyCallIn(orders, first)).filter((call) => call.startsWith("flags."))).toEqual(["flags.read ok"]);
    expect((await everyCallIn(orders, second)).filter((call) => call.startsWith("flags."))).toEqual([]);
  });

  it("refuses to check out an empty cart with 422 cart_empty", async () => {
    const orders = await ordersWith({ states: { "cart.get": "checking out an empty cart" } });
    const placed = await checkout(orders);
    expect([placed.status, placed.body.error.code]).toEqual([422, "cart_empty"]);
    expect(await orderRows(orders)).toBe(0);
  });

  it("cancels a checkout the warehouse has no stock for (insufficient_stock), charging nothing", async () => {
    const orders = await ordersWith({ states: { "warehouse.reserve": "reserving stock that is not there" } });
    const correlation = conversation();
    const order = await settled(orders, (await checkout(orders, { correlation })).body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", "insufficient_stock"]);
    expect((await callsIn(orders, correlation)).slice(3)).toEqual(["warehouse.reserve insufficient_stock"]);
  });

  it("refuses an operator's order the warehouse has no stock for with 409 insufficient_inventory, storing nothing", async () => {
    const orders = await ordersWith({ states: { "warehouse.reserve": "reserving stock that is not there" } });
    const placed = await placeOrder(orders, { user_id: operatorsBuyer, items: [{ product_id: lamp, quantity: 1 }] });
    expect([placed.status, placed.body.error.code]).toEqual([409, "insufficient_inventory"]);
    expect(await orderRows(orders)).toBe(0);
  });

  it("refunds the charge and releases the stock when the reservation expired before the commit (reservation_expired)", async () => {
    const orders = await ordersWith({
      states: { "warehouse.commit": "committing after the reservation expired" },
      ignore: { "warehouse.release": ["reason"] },
    });
    const correlation = conversation();
    const order = await settled(orders, (await checkout(orders, { correlation })).body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", "reservation_expired"]);
    expect((await callsIn(orders, correlation)).slice(3)).toEqual([
      "warehouse.reserve ok",
      "payments.charge ok",
      "warehouse.commit reservation_expired",
      "payments.refund ok",
      "warehouse.release ok",
    ]);
  });

  it("cancels an operator's order whose reservation the warehouse no longer has, releasing it", async () => {
    const orders = await ordersWith({ states: { "warehouse.commit": "committing an order that reserved nothing" }, ignore: anyReason });
    const correlation = conversation();
    const placed = await placeOrder(orders, { user_id: operatorsBuyer, items: [{ product_id: lamp, quantity: 1 }] }, correlation);
    const order = await settled(orders, placed.body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", "reservation_expired"]);
    expect((await callsIn(orders, correlation)).slice(3)).toEqual(["warehouse.commit reservation_not_found", "warehouse.release ok"]);
  });

  it.each(["refunding an unknown charge", "refunding a declined charge"])(
    "finishes compensating when payments refuses the refund (%s) and the warehouse the release",
    async (refund) => {
      const orders = await ordersWith({
        states: {
          "warehouse.commit": "committing after the reservation expired",
          "payments.refund": refund,
          "warehouse.release": "releasing a reservation that was already committed",
        },
        ignore: anyReason,
      });
      const correlation = conversation();
      const order = await settled(orders, (await checkout(orders, { correlation })).body.id);
      expect([order.status, order.status_reason]).toEqual(["cancelled", "reservation_expired"]);
      const refused = refund === "refunding an unknown charge" ? "charge_not_found" : "charge_not_refundable";
      expect((await callsIn(orders, correlation)).slice(-2)).toEqual([`payments.refund ${refused}`, "warehouse.release reservation_committed"]);
    },
  );

  it("cancels a checkout whose charge key payments says was used for another charge (payment_failed)", async () => {
    const orders = await ordersWith({ states: { "payments.charge": "the order's charge key was used for another charge" }, ignore: anyReason });
    const correlation = conversation();
    const order = await settled(orders, (await checkout(orders, { correlation })).body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", "payment_failed"]);
    expect((await callsIn(orders, correlation)).slice(-2)).toEqual(["payments.charge idempotency_key_reused", "warehouse.release ok"]);
  });

  it.each<{ case: string; token: string; states: Record<string, string>; code: string; reason: string }>([
    { case: "a provider error", token: "tok_processing_error", states: {}, code: "payment_provider_error", reason: "payment_failed" },
    {
      case: "a charge still running",
      token: "tok_visa",
      states: { "payments.charge": "the first attempt under the order's charge key is still running (retried)" },
      code: "idempotency_key_in_progress",
      reason: "payment_timeout",
    },
  ])("retries the charge after $case until the checkout's deadline, then cancels ($reason) and releases", async ({ token, states, code, reason }) => {
    const orders = await ordersWith({ states, ignore: anyReason, env: shortDeadline });
    const correlation = conversation();
    const order = await settledOnTheClock(orders, async () => (await checkout(orders, { correlation, payment_token: token })).body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", reason]);
    const calls = await callsIn(orders, correlation);
    expect(calls.filter((c) => c === `payments.charge ${code}`).length).toBeGreaterThan(1);
    expect(calls.filter((c) => c.startsWith("payments.charge") && c !== `payments.charge ${code}`)).toEqual([]);
    expect(calls.at(-1)).toBe("warehouse.release ok");
  });
});

describe("orders as a component, with slow neighbours", () => {
  const started: Component[] = [];
  const ordersWith = async (setup: Setup) => {
    const orders = await startOrders({ ...setup, env: { TWOFOLD_CALL_TIMEOUT_MS: "300", ...setup.env } });
    started.push(orders);
    return orders;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
  });

  it("answers a checkout 504 call_timeout at once when users is too slow to say whose session it is", async () => {
    const orders = await ordersWith({ slow: { "users.authenticate": 2000 } });
    const placed = await checkout(orders);
    expect([placed.status, placed.body.error.code]).toEqual([504, "call_timeout"]);
    expect(placed.ms).toBeLessThan(1500);
    expect(await orderRows(orders)).toBe(0);
  });

  it("answers an operator's order 504 call_timeout at once when users is too slow, storing nothing", async () => {
    const orders = await ordersWith({ slow: { "users.get": 2000 } });
    const placed = await placeOrder(orders, { user_id: operatorsBuyer, items: [{ product_id: lamp, quantity: 1 }] });
    expect([placed.status, placed.body.error.code]).toEqual([504, "call_timeout"]);
    expect(placed.ms).toBeLessThan(1500);
    expect(await orderRows(orders)).toBe(0);
  });

  it("accepts a checkout at once when payments is too slow, then gives up at the deadline (payment_timeout) and releases", async () => {
    const orders = await ordersWith({ slow: { "payments.charge": 2000 }, ignore: anyReason, env: shortDeadline });
    const correlation = conversation();
    const placed = await checkout(orders, { correlation });
    expect(placed.status).toBe(202);
    expect(placed.ms).toBeLessThan(1500);
    const order = await settled(orders, placed.body.id);
    expect([order.status, order.status_reason]).toEqual(["cancelled", "payment_timeout"]);
    const calls = await callsIn(orders, correlation);
    expect(calls).toContain("payments.charge call_timeout");
    expect(calls.at(-1)).toBe("warehouse.release ok");
  });
});

describe("orders as a component, told of payments that succeeded", () => {
  let orders: Component;
  const succeeded = eventUse(ordersConsumes, "payment.succeeded");
  beforeAll(async () => {
    orders = await startOrders({ ignore: anyReason });
  });
  afterAll(() => orders.stop());

  /** Refund calls made while handling the event with this envelope. */
  const refundsFor = async (envelope: { correlationId: string }) =>
    (await callsIn(orders, envelope.correlationId)).filter((c) => c.startsWith("payments.refund"));

  it("refunds nothing for a charge without an order, or of an order it does not have", async () => {
    for (const interaction of succeeded.interactions) {
      const envelope = await deliver(orders, succeeded, interaction);
      expect(await refundsFor(envelope)).toEqual([]);
      expect(await orders.client.sql("orders", "select message_id from inbox where message_id = ?", [envelope.id])).toHaveLength(1);
    }
  });

  it("refunds a charge that landed after its order was cancelled, once however often the news arrives", async () => {
    const state = await orders.client.http.post("/__twofold/provider-state", {
      module: "orders",
      state: "order has just been cancelled",
      params: { order_id: "o-ct-orders-late", user_id: buyer, product_id: lamp, reason: "payment_timeout" },
    });
    expect(state.status).toBe(200);
    const late = succeeded.interactions.find((i) => (i.example as { order_id: string | null }).order_id === "o-ct-orders-late");
    if (!late) throw new Error("the contract has no late charge of o-ct-orders-late");
    const envelope = await deliver(orders, succeeded, late);
    await redeliver(orders, envelope);
    expect(await refundsFor(envelope)).toEqual(["payments.refund ok"]);
  });
});

describe("orders as a component, told of a charge that succeeded past the deadline while its saga was still charging", () => {
  let orders: Component;
  beforeAll(async () => {
    // Calls wait as long as the test holds them: the charge below is out for 30 s of the frozen clock.
    orders = await startOrders({ ignore: anyReason, env: { TWOFOLD_CALL_TIMEOUT_MS: "60000" } });
  });
  afterAll(() => orders.stop());

  it("hands the charge to the saga, which refunds it once and cancels; the charge step answering afterwards changes nothing", async () => {
    const correlation = conversation();
    clock.freeze();
    try {
      const id = await orders.client.withFaults("latency:payments=30000", async () => {
        const placed = await checkout(orders, { correlation });
        expect(placed.status).toBe(202);
        await eventually(async () => expect((await sagaOf(orders, placed.body.id))?.step).toBe("charge"));
        // Past the 10 s deadline, the charge still out; the provider's news of it arrives first.
        clock.advance(11_000);
        const { bus } = orders.monolith;
        const charged = { charge_id: "ch-ct-orders-paid", order_id: placed.body.id, user_id: buyer, amount_cents: 3498 };
        const envelope = { ...bus.event("payments", PaymentSucceeded, charged), correlationId: correlation };
        await bus.dispatch(envelope);
        await eventually(async () => {
          const { body } = await orders.client.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${correlation}`);
          expect(body.trace.some((t) => t.kind === "delivery" && t.messageId === envelope.id && t.to === "orders" && t.outcome === "ok")).toBe(true);
        });
        return placed.body.id as string;
      });
      // Handed over, not refunded behind the saga: the saga holds the charge and compensates for lack of time.
      const [saga] = await orders.client.sql<{ step: string; reason: string | null; charge_id: string | null }>(
        "orders",
        "select step, reason, charge_id from sagas where order_id = ?",
        [id],
      );
      expect(saga).toEqual({ step: "refund", reason: "payment_timeout", charge_id: "ch-ct-orders-paid" });
      expect(await callsIn(orders, correlation)).not.toContain("payments.refund ok");
      // The charge step answers now, after its saga moved: its late success is not recorded twice.
      clock.advance(20_000);
      const order = await eventually(async () => {
        clock.advance(1000);
        const { body } = await orders.client.http.get(`/api/v1/orders/${id}`, { headers: operator });
        expect(body.saga_step).toBe("done");
        return body;
      });
      expect([order.status, order.status_reason]).toEqual(["cancelled", "payment_timeout"]);
      const calls = await callsIn(orders, correlation);
      expect(calls.filter((c) => c.startsWith("payments.refund"))).toEqual(["payments.refund ok"]);
      expect(calls.at(-1)).toBe("warehouse.release ok");
    } finally {
      clock.release();
    }
  });
});
