import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { CommitReservation, GetAvailability, ReleaseReservation, ReserveStock } from "../../contracts/warehouse/calls.ts";
import { eventually } from "../../harness/eventually.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { inConversation } from "../../runtime/module-api/index.ts";
import { warehouseModule } from "./module.ts";
import { callAs, failureOf, stocked, stockRow } from "./warehouse.test-support.ts";

type Payload = { order_id: string; reason?: string; stock?: { product_id: string; version: number }[] };
const forOrder = (orderId: string) => (e: { payload: unknown }) => (e.payload as Payload).order_id === orderId;

describe("warehouse reservations", () => {
  let system: InProcessSystem;
  const reserve = (orderId: string, items: { product_id: string; quantity: number }[], ttlMs?: number) =>
    callAs(system, ReserveStock, { order_id: orderId, items, ...(ttlMs ? { ttl_ms: ttlMs } : {}) });
  const available = async (productId: string) => (await callAs(system, GetAvailability, { product_ids: [productId] })).stock[0]?.available;

  beforeAll(async () => {
    system = await inProcess({ modules: [warehouseModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("holds every line and publishes the new stock level of each product", async () => {
    const [a, b] = [await stocked(system, 5), await stocked(system, 2)];
    const orderId = crypto.randomUUID();
    await system.client.events.fromNow();
    const reservation = await reserve(orderId, [
      { product_id: a, quantity: 3 },
      { product_id: b, quantity: 2 },
    ]);
    expect(reservation).toMatchObject({
      order_id: orderId,
      status: "held",
      items: [
        { product_id: a, quantity: 3 },
        { product_id: b, quantity: 2 },
      ],
    });
    expect(Date.parse(reservation.expires_at) - Date.now()).toBeGreaterThan(50_000);
    expect(await stockRow(system, a)).toEqual({ on_hand: 5, reserved: 3, version: 2 });
    expect(await stockRow(system, b)).toEqual({ on_hand: 2, reserved: 2, version: 2 });
    const event = await system.client.events.expect("inventory.reserved", forOrder(orderId));
    expect(event.payload).toMatchObject({ reservation_id: reservation.reservation_id, expires_at: reservation.expires_at });
    expect((event.payload as { stock: unknown[] }).stock).toEqual(
      expect.arrayContaining([
        { product_id: a, on_hand: 5, reserved: 3, available: 2, version: 2 },
        { product_id: b, on_hand: 2, reserved: 2, available: 0, version: 2 },
      ]),
    );
  });

  it("holds nothing for a reserve that arrives after its order was released (the saga gave up on it first)", async () => {
    const product = await stocked(system, 10);
    const orderId = crypto.randomUUID();
    expect(await callAs(system, ReleaseReservation, { order_id: orderId, reason: "checkout_timeout" })).toEqual({
      order_id: orderId,
      released: false,
    });
    const late = await reserve(orderId, [{ product_id: product, quantity: 4 }]);
    expect([late.status, late.items]).toEqual(["released", []]);
    expect(await stockRow(system, product)).toEqual({ on_hand: 10, reserved: 0, version: 1 });
    // Released twice is still released once.
    expect(await callAs(system, ReleaseReservation, { order_id: orderId, reason: "checkout_timeout" })).toEqual({
      order_id: orderId,
      released: false,
    });
  });

  it("answers a repeated reserve for the same order with the same reservation, holding stock once", async () => {
    const product = await stocked(system, 10);
    const orderId = crypto.randomUUID();
    await system.client.events.fromNow();
    const first = await reserve(orderId, [{ product_id: product, quantity: 4 }]);
    expect(await reserve(orderId, [{ product_id: product, quantity: 4 }])).toEqual(first);
    expect(await available(product)).toBe(6);
    await system.client.idle();
    expect(await system.client.events.all("inventory.reserved", forOrder(orderId))).toHaveLength(1);
  });

  it("holds nothing when one line is short, and names each shortfall (an unknown product has 0)", async () => {
    const plenty = await stocked(system, 10);
    const scarce = await stocked(system, 1);
    const unknown = crypto.randomUUID();
    const orderId = crypto.randomUUID();
    await system.client.events.fromNow();
    const error = await failureOf(
      reserve(orderId, [
        { product_id: plenty, quantity: 2 },
        { product_id: scarce, quantity: 2 },
        { product_id: unknown, quantity: 1 },
      ]),
    );
    expect(error.code).toBe("insufficient_stock");
    const shortfalls = [
      { product_id: scarce, requested: 2, available: 1 },
      { product_id: unknown, requested: 1, available: 0 },
    ];
    expect(error.details).toEqual(expect.arrayContaining(shortfalls));
    expect(error.details).toHaveLength(2);
    expect(await stockRow(system, plenty)).toEqual({ on_hand: 10, reserved: 0, version: 1 });
    expect(await system.client.sql("warehouse", "select id from reservations where order_id = ?", [orderId])).toEqual([]);
    const event = await system.client.events.expect("inventory.insufficient", forOrder(orderId));
    expect((event.payload as { shortfalls: unknown[] }).shortfalls).toEqual(expect.arrayContaining(shortfalls));
    await system.client.idle();
    expect(await system.client.events.all("inventory.reserved", forOrder(orderId))).toEqual([]);
  });

  it("adds up lines that name the same product", async () => {
    const product = await stocked(system, 3);
    const error = await failureOf(
      reserve(crypto.randomUUID(), [
        { product_id: product, quantity: 2 },
        { product_id: product, quantity: 2 },
      ]),
    );
    expect(error.details).toEqual([{ product_id: product, requested: 4, available: 3 }]);
    await reserve(crypto.randomUUID(), [
      { product_id: product, quantity: 1 },
      { product_id: product, quantity: 2 },
    ]);
    expect(await stockRow(system, product)).toEqual({ on_hand: 3, reserved: 3, version: 2 });
  });

  it("gives the last unit to exactly one of ten concurrent orders, never going below zero", async () => {
    const product = await stocked(system, 1);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => reserve(crypto.randomUUID(), [{ product_id: product, quantity: 1 }])));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refusals = outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code: string }).code] : []));
    expect(refusals).toEqual(Array(9).fill("insufficient_stock"));
    expect(await callAs(system, GetAvailability, { product_ids: [product] })).toEqual({
      stock: [{ product_id: product, on_hand: 1, reserved: 1, available: 0, version: 2 }],
    });
  });

  it("commits held stock out of the warehouse, once however often it is asked", async () => {
    const product = await stocked(system, 5);
    const orderId = crypto.randomUUID();
    const held = await reserve(orderId, [{ product_id: product, quantity: 2 }]);
    await system.client.events.fromNow();
    const committed = await callAs(system, CommitReservation, { order_id: orderId });
    expect(committed).toEqual({ ...held, status: "committed" });
    expect(await callAs(system, CommitReservation, { order_id: orderId })).toEqual(committed);
    expect(await stockRow(system, product)).toEqual({ on_hand: 3, reserved: 0, version: 3 });
    const event = await system.client.events.expect("inventory.committed", forOrder(orderId));
    expect(event.payload).toMatchObject({
      reservation_id: held.reservation_id,
      stock: [{ product_id: product, on_hand: 3, reserved: 0, available: 3, version: 3 }],
    });
    await system.client.idle();
    expect(await system.client.events.all("inventory.committed", forOrder(orderId))).toHaveLength(1);
    expect((await failureOf(callAs(system, ReleaseReservation, { order_id: orderId, reason: "payment_failed" }))).code).toBe("reservation_committed");
  });

  it("refuses to commit an unknown reservation", async () => {
    expect((await failureOf(callAs(system, CommitReservation, { order_id: crypto.randomUUID() }))).code).toBe("reservation_not_found");
  });

  it("releases held stock with its reason, once; unknown reservations are a no-op; released ones cannot commit", async () => {
    const product = await stocked(system, 4);
    const orderId = crypto.randomUUID();
    await reserve(orderId, [{ product_id: product, quantity: 3 }]);
    await system.client.events.fromNow();
    expect(await callAs(system, ReleaseReservation, { order_id: orderId, reason: "payment_failed" })).toEqual({ order_id: orderId, released: true });
    expect(await callAs(system, ReleaseReservation, { order_id: orderId, reason: "payment_failed" })).toEqual({ order_id: orderId, released: false });
    const unknown = crypto.randomUUID();
    expect(await callAs(system, ReleaseReservation, { order_id: unknown, reason: "cancelled" })).toEqual({ order_id: unknown, released: false });
    expect(await stockRow(system, product)).toEqual({ on_hand: 4, reserved: 0, version: 3 });
    const event = await system.client.events.expect("inventory.released", forOrder(orderId));
    expect(event.payload).toMatchObject({ reason: "payment_failed", stock: [{ product_id: product, available: 4, version: 3 }] });
    expect((await failureOf(callAs(system, CommitReservation, { order_id: orderId }))).code).toBe("reservation_expired");
    await system.client.idle();
    expect(await system.client.events.all("inventory.released", forOrder(orderId))).toHaveLength(1);
  });

  it("gives expired reservations' stock back on its own, in the conversation that reserved it, and they can no longer commit", async () => {
    const product = await stocked(system, 2);
    const orderId = crypto.randomUUID();
    const conversation = { correlationId: `checkout-${orderId}`, causationId: null };
    await system.client.events.fromNow();
    await inConversation(conversation, () => reserve(orderId, [{ product_id: product, quantity: 2 }], 100));
    expect(await available(product)).toBe(0);
    await eventually(async () => expect(await available(product)).toBe(2));
    const event = await system.client.events.expect("inventory.released", forOrder(orderId));
    expect(event.payload).toMatchObject({ reason: "expired", stock: [{ product_id: product, available: 2, version: 3 }] });
    expect(event.correlationId).toBe(conversation.correlationId);
    expect(await system.client.sql("warehouse", "select status, release_reason from reservations where order_id = ?", [orderId])).toEqual([
      { status: "released", release_reason: "expired" },
    ]);
    expect((await failureOf(callAs(system, CommitReservation, { order_id: orderId }))).code).toBe("reservation_expired");
  });

  it("lets exactly one of a commit and a release racing for the same reservation win", async () => {
    for (let round = 0; round < 5; round++) {
      const product = await stocked(system, 1);
      const orderId = crypto.randomUUID();
      await reserve(orderId, [{ product_id: product, quantity: 1 }]);
      const [commit, release] = await Promise.all([
        callAs(system, CommitReservation, { order_id: orderId }).then(
          (r) => r.status,
          (e: { code: string }) => e.code,
        ),
        callAs(system, ReleaseReservation, { order_id: orderId, reason: "cancelled" }).then(
          (r) => r.released,
          (e: { code: string }) => e.code,
        ),
      ]);
      const row = await stockRow(system, product);
      if (commit === "committed")
        expect({ release, row }).toEqual({ release: "reservation_committed", row: { on_hand: 0, reserved: 0, version: 3 } });
      else expect({ commit, release, row }).toEqual({ commit: "reservation_expired", release: true, row: { on_hand: 1, reserved: 0, version: 3 } });
    }
  });
});

describe("warehouse reservations past expiry before the sweeper comes", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [warehouseModule], calls: shopCalls, events: shopEvents }, { TWOFOLD_RESERVATION_SWEEP_MS: "3600000" });
  });
  afterAll(() => system.stop());

  it("refuses to commit a held reservation past its expiry and releases it there and then", async () => {
    const product = await stocked(system, 1);
    const orderId = crypto.randomUUID();
    const held = await callAs(system, ReserveStock, { order_id: orderId, items: [{ product_id: product, quantity: 1 }], ttl_ms: 100 });
    await eventually(() => expect(Date.now()).toBeGreaterThan(Date.parse(held.expires_at)));
    await system.client.events.fromNow();
    expect((await failureOf(callAs(system, CommitReservation, { order_id: orderId }))).code).toBe("reservation_expired");
    expect(await stockRow(system, product)).toEqual({ on_hand: 1, reserved: 0, version: 3 });
    const event = await system.client.events.expect("inventory.released", forOrder(orderId));
    expect(event.payload).toMatchObject({ reason: "expired", stock: [{ product_id: product, available: 1, version: 3 }] });
  });
});
