import { describe, expect, it } from "vitest";
import { findingsOf, reconciliationOf } from "../../../checkers/check.ts";
import type { Finding, PublishedEvent, Row, SystemState, Tables } from "../../../checkers/model.ts";
import { shopInvariants } from "./index.ts";

const AT = Date.parse("2026-01-01T12:00:00.000Z");
const time = (offsetMs: number) => new Date(AT + offsetMs).toISOString();

/** A shop at rest after one confirmed checkout (order o-1 of user u-1: 2 × product p-1 out of 10 received), everything consistent. */
function healthy(): Record<string, Record<string, Row[]>> {
  return {
    users: { users: [{ id: "u-1" }] },
    orders: {
      orders: [{ id: "o-1", user_id: "u-1", source: "checkout", status: "confirmed", status_reason: null }],
      sagas: [{ order_id: "o-1", step: "done", attempts: 0, last_error: null, deadline_at: time(-60_000) }],
    },
    payments: {
      charges: [{ id: "c-1", order_id: "o-1", status: "succeeded", amount_cents: 2000, amount_refunded_cents: 0 }],
      refunds: [],
    },
    warehouse: {
      receipts: [{ receipt_id: "p-1", product_id: "p-1", quantity: 10 }],
      reservations: [{ id: "r-1", order_id: "o-1", status: "committed", items: [{ product_id: "p-1", quantity: 2 }] }],
      stock: [{ product_id: "p-1", on_hand: 8, reserved: 0 }],
    },
    notifications: {
      notifications: [
        { id: "n-1", user_id: "u-1", kind: "welcome", data: {}, source_event_id: "e-1" },
        { id: "n-2", user_id: "u-1", kind: "order_placed", data: { order_id: "o-1" }, source_event_id: "e-2" },
        { id: "n-3", user_id: "u-1", kind: "order_confirmed", data: { order_id: "o-1" }, source_event_id: "e-3" },
      ],
    },
  };
}

const event = (id: string, type: string, publisher: string, payload: Record<string, unknown>): PublishedEvent => ({ id, type, publisher, payload });
const healthyEvents: PublishedEvent[] = [
  event("e-1", "user.created", "users", { user_id: "u-1" }),
  event("e-2", "order.placed", "orders", { order_id: "o-1", user_id: "u-1" }),
  event("e-3", "order.confirmed", "orders", { order_id: "o-1", user_id: "u-1" }),
  event("e-4", "payment.succeeded", "payments", { charge_id: "c-1", order_id: "o-1", user_id: "u-1" }),
  event("e-5", "inventory.committed", "warehouse", { order_id: "o-1", reservation_id: "r-1" }),
];

/** The findings of a shop changed by `edit` from the healthy one. */
function findings(edit: (tables: ReturnType<typeof healthy>) => void = () => {}, events: PublishedEvent[] = healthyEvents): Finding[] {
  const tables = healthy();
  edit(tables);
  const state: SystemState = { tables: tables as Tables, events, at: AT };
  return findingsOf(shopInvariants, state);
}

const brief = (f: Finding) => ({ kind: f.kind, module: f.module, entity: f.entity, invariant: f.invariant });
const table = (tables: ReturnType<typeof healthy>, module: string, name: string): Row[] => tables[module]?.[name] as Row[];

describe("the shop's invariants", () => {
  it("hold for a consistent shop: a confirmed checkout, its charge, its stock, its notifications and events", () => {
    expect(findings()).toEqual([]);
  });

  it("a charge taken twice for one confirmed order is doubled, naming the order and both charges", () => {
    const found = findings((t) =>
      table(t, "payments", "charges").push({ id: "c-2", order_id: "o-1", status: "succeeded", amount_cents: 2000, amount_refunded_cents: 0 }),
    );
    expect(found.map(brief)).toEqual([
      { kind: "doubled", module: "orders", entity: "o-1", invariant: "a confirmed order has exactly one succeeded, unrefunded charge" },
    ]);
    expect(found[0]?.problem).toBe("confirmed and charged 2 times: c-1, c-2");
  });

  it("a confirmed order whose only charge was refunded lost its payment", () => {
    const found = findings((t) => Object.assign(table(t, "payments", "charges")[0] as Row, { amount_refunded_cents: 2000 }));
    expect(found.map(brief)).toEqual([
      { kind: "lost", module: "orders", entity: "o-1", invariant: "a confirmed order has exactly one succeeded, unrefunded charge" },
    ]);
  });

  it("a cancelled order whose charge was not refunded lost its refund, naming the order and the charge", () => {
    const found = findings((t) => {
      Object.assign(table(t, "orders", "orders")[0] as Row, { status: "cancelled", status_reason: "reservation_expired" });
      Object.assign(table(t, "warehouse", "reservations")[0] as Row, { status: "released" });
      Object.assign(table(t, "warehouse", "stock")[0] as Row, { on_hand: 10 });
      table(t, "notifications", "notifications")[2] = {
        id: "n-3",
        user_id: "u-1",
        kind: "order_cancelled",
        data: { order_id: "o-1" },
        source_event_id: "e-3",
      };
    }, []);
    expect(found.map(brief)).toEqual([
      { kind: "lost", module: "orders", entity: "o-1", invariant: "a cancelled order's charges are fully refunded" },
    ]);
    expect(found[0]?.problem).toBe("cancelled (reservation_expired), but its charge c-1 keeps 2000 of 2000 cents: its refund was lost");
  });

  it("a charge for an order that does not exist is lost, naming the charge; an operator's charge and a declined one keep nothing", () => {
    const found = findings((t) => {
      table(t, "payments", "charges").push({ id: "c-9", order_id: "o-9", status: "succeeded", amount_cents: 500, amount_refunded_cents: 0 });
      table(t, "payments", "charges").push({ id: "c-8", order_id: null, status: "succeeded", amount_cents: 500, amount_refunded_cents: 0 });
      table(t, "payments", "charges").push({ id: "c-7", order_id: "o-1", status: "declined", amount_cents: 500, amount_refunded_cents: 0 });
    });
    expect(found.map(brief)).toEqual([
      { kind: "lost", module: "payments", entity: "c-9", invariant: "each charge without a confirmed order is refunded" },
    ]);
    expect(found[0]?.problem).toBe("charged for order o-9, which does not exist, and not refunded");
  });

  it("a saga still running 30 s past its deadline is stuck, naming its order and step; one within the bound is not", () => {
    const stuckAt = (deadlineOffsetMs: number) =>
      findings((t) => {
        t.orders?.orders?.push({ id: "o-2", user_id: "u-1", source: "checkout", status: "pending", status_reason: null });
        t.orders?.sagas?.push({
          order_id: "o-2",
          step: "charge",
          attempts: 4,
          last_error: "call_timeout: slow",
          deadline_at: time(deadlineOffsetMs),
        });
        t.notifications?.notifications?.push({ id: "n-4", user_id: "u-1", kind: "order_placed", data: { order_id: "o-2" }, source_event_id: "e-6" });
      });
    const found = stuckAt(-45_000);
    expect(found.map(brief)).toEqual([
      { kind: "stuck", module: "orders", entity: "o-2", invariant: "no saga is still running 30 s after its deadline" },
    ]);
    expect(found[0]?.problem).toBe('its saga is still at step "charge" 45 s after its deadline (attempts: 4, last error: call_timeout: slow)');
    expect(stuckAt(-20_000)).toEqual([]);
  });

  it("a checkout order left pending by a finished saga, or cancelled without a reason, is named", () => {
    const pending = findings((t) => {
      Object.assign(table(t, "orders", "orders")[0] as Row, { status: "pending" });
      table(t, "notifications", "notifications").pop();
    });
    expect(pending.map(brief)).toContainEqual({
      kind: "stuck",
      module: "orders",
      entity: "o-1",
      invariant: "every checkout order ends confirmed or cancelled with a reason",
    });
    const operator = findings((t) => {
      Object.assign(table(t, "orders", "orders")[0] as Row, { status: "pending", source: "operator" });
      Object.assign(table(t, "payments", "charges")[0] as Row, { order_id: null });
      table(t, "notifications", "notifications").pop();
    });
    expect(operator).toEqual([]);
  });

  it("stock that does not add up is named by product: on hand counted twice is doubled, reserved stock held by nothing is stuck", () => {
    const found = findings((t) => Object.assign(table(t, "warehouse", "stock")[0] as Row, { on_hand: 9, reserved: 1 }));
    expect(found.map(brief)).toEqual([
      {
        kind: "doubled",
        module: "warehouse",
        entity: "p-1",
        invariant: "warehouse on-hand and reserved equal what receipts, committed and held reservations say",
      },
      {
        kind: "stuck",
        module: "warehouse",
        entity: "p-1",
        invariant: "warehouse on-hand and reserved equal what receipts, committed and held reservations say",
      },
    ]);
    expect(found.map((f) => f.problem)).toEqual([
      "9 on hand, but receipts (10) less committed reservations (2) say 8",
      "1 reserved, but held reservations hold 0",
    ]);
    const lost = findings((t) => Object.assign(table(t, "warehouse", "stock")[0] as Row, { on_hand: 7 }));
    expect(lost.map((f) => f.kind)).toEqual(["lost"]);
  });

  it("a confirmed order whose stock is still only held is stuck in the warehouse, naming the order", () => {
    const found = findings((t) => {
      Object.assign(table(t, "warehouse", "reservations")[0] as Row, { status: "held" });
      Object.assign(table(t, "warehouse", "stock")[0] as Row, { on_hand: 10, reserved: 2 });
    });
    expect(found.map(brief)).toEqual([
      {
        kind: "stuck",
        module: "warehouse",
        entity: "o-1",
        invariant: "a settled order's reservation is committed when it is confirmed and given back when it is cancelled",
      },
    ]);
  });

  it("a customer told twice of one confirmation is doubled; a verification mail never sent is lost; a like of one's own review tells nobody", () => {
    const found = findings(
      (t) =>
        t.notifications?.notifications?.push({
          id: "n-5",
          user_id: "u-1",
          kind: "order_confirmed",
          data: { order_id: "o-1" },
          source_event_id: "e-7",
        }),
      [
        ...healthyEvents,
        event("e-8", "user.verification_requested", "users", { user_id: "u-1" }),
        event("e-9", "review.liked", "reviews", { review_id: "rv-1", review_author_id: "u-1", liker_id: "u-1" }),
      ],
    );
    expect(found.map(brief)).toEqual([
      { kind: "doubled", module: "notifications", entity: "o-1", invariant: "one notification per event that notifies" },
      { kind: "lost", module: "notifications", entity: "e-8", invariant: "one notification per event that notifies" },
      { kind: "lost", module: "reviews", entity: "rv-1", invariant: "no event names an entity its owner does not have" },
    ]);
    expect(found[0]?.problem).toBe("order o-1 (confirmed), order_confirmed: told 2 times");
  });

  it("an event about an entity its owner does not have is lost, naming the owner and the id", () => {
    const found = findings(() => {}, [
      ...healthyEvents,
      event("e-10", "payment.succeeded", "payments", { charge_id: "c-404", order_id: "o-1", user_id: "u-1" }),
    ]);
    expect(found.map(brief)).toEqual([
      { kind: "lost", module: "payments", entity: "c-404", invariant: "no event names an entity its owner does not have" },
    ]);
    expect(found[0]?.problem).toBe("payment.succeeded e-10 names charge_id c-404, which payments.charges does not have");
  });

  it("the reconciliation sorts every finding into lost, doubled and stuck", () => {
    const found = findings((t) => {
      table(t, "payments", "charges").push({ id: "c-2", order_id: "o-1", status: "succeeded", amount_cents: 2000, amount_refunded_cents: 0 });
      Object.assign(table(t, "warehouse", "stock")[0] as Row, { on_hand: 7 });
      t.orders?.sagas?.push({ order_id: "o-3", step: "refund", attempts: 9, last_error: null, deadline_at: time(-600_000) });
    });
    const accounting = reconciliationOf(found);
    expect(Object.fromEntries(Object.entries(accounting).map(([kind, list]) => [kind, list.map((f) => `${f.module} ${f.entity}`)]))).toEqual({
      lost: ["warehouse p-1"],
      doubled: ["orders o-1"],
      stuck: ["orders o-3"],
    });
  });
});
