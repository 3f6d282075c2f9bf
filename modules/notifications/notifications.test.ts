import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import type { EventContract, EventPayload } from "../../contracts/define.ts";
import { NotificationList } from "../../contracts/notifications/api.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import { PaymentFailed } from "../../contracts/payments/events.ts";
import { ReviewCommented, ReviewLiked } from "../../contracts/reviews/events.ts";
import { PasswordResetRequested, UserCreated, VerificationRequested } from "../../contracts/users/events.ts";
import { fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { newId } from "../../runtime/module-api/index.ts";

import { notificationsModule } from "./module.ts";

/** Stands in for users: a bearer token `token-<user id>` is that user's session. */
const fakeUsers = fakeSessions((token) => /^token-(.+)$/.exec(token)?.[1]);

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });
const now = () => new Date().toISOString();
const line = { product_id: "product-1", quantity: 2, unit_price_cents: 2999 };

interface Case {
  readonly name: string;
  readonly user: string;
  readonly event: (user: string) => { owner: string; contract: EventContract; payload: EventPayload<EventContract> };
  readonly kind: string;
  readonly data: Record<string, string>;
  readonly message: RegExp;
}

const event = <E extends EventContract>(owner: string, contract: E, payload: EventPayload<E>) => ({ owner, contract, payload });

const cases: Case[] = [
  {
    name: "user.created",
    user: newId(),
    event: (u) => event("users", UserCreated, { user_id: u, name: "Ada", email: "ada@example.com", created_at: now() }),
    kind: "welcome",
    data: {},
    message: /^Welcome, Ada!$/,
  },
  {
    name: "user.verification_requested",
    user: newId(),
    event: (u) =>
      event("users", VerificationRequested, { user_id: u, email: "ada@example.com", token: "verify-123", expires_at: "2030-01-01T00:00:00.000Z" }),
    kind: "verify_email",
    data: { token: "verify-123", expires_at: "2030-01-01T00:00:00.000Z" },
    message: /confirm ada@example\.com/,
  },
  {
    name: "user.password_reset_requested",
    user: newId(),
    event: (u) =>
      event("users", PasswordResetRequested, { user_id: u, email: "ada@example.com", token: "reset-456", expires_at: "2030-01-01T00:00:00.000Z" }),
    kind: "password_reset",
    data: { token: "reset-456", expires_at: "2030-01-01T00:00:00.000Z" },
    message: /reset the password of ada@example\.com/,
  },
  {
    name: "order.placed",
    user: newId(),
    event: (u) => event("orders", OrderPlaced, { order_id: "order-1", user_id: u, items: [line], total_cents: 5998, placed_at: now() }),
    kind: "order_placed",
    data: { order_id: "order-1" },
    message: /^Your order order-1 for 59\.98 was placed\.$/,
  },
  {
    name: "order.confirmed",
    user: newId(),
    event: (u) =>
      event("orders", OrderConfirmed, {
        order_id: "order-2",
        user_id: u,
        items: [line],
        total_cents: 5998,
        charge_id: "charge-1",
        confirmed_at: now(),
      }),
    kind: "order_confirmed",
    data: { order_id: "order-2", total: "59.98" },
    message: /order-2 is confirmed; the total is 59\.98/,
  },
  {
    name: "order.cancelled",
    user: newId(),
    event: (u) =>
      event("orders", OrderCancelled, {
        order_id: "order-3",
        user_id: u,
        reason: "payment_declined",
        items: [line],
        total_cents: 5998,
        cancelled_at: now(),
      }),
    kind: "order_cancelled",
    data: { order_id: "order-3", reason: "payment_declined" },
    message: /^Your order order-3 was cancelled because your payment was declined\.$/,
  },
  {
    name: "payment.failed",
    user: newId(),
    event: (u) =>
      event("payments", PaymentFailed, {
        charge_id: "charge-2",
        order_id: "order-4",
        user_id: u,
        amount_cents: 5998,
        decline_code: "insufficient_funds",
      }),
    kind: "payment_failed",
    data: { charge_id: "charge-2", order_id: "order-4", decline_code: "insufficient_funds" },
    message: /59\.98 for order order-4 was declined: insufficient funds/,
  },
  {
    name: "review.commented",
    user: newId(),
    event: (u) =>
      event("reviews", ReviewCommented, {
        review_id: "review-1",
        comment_id: "comment-1",
        review_author_id: u,
        commenter_id: "someone-else",
        commented_at: now(),
      }),
    kind: "review_commented",
    data: { review_id: "review-1", comment_id: "comment-1", commenter_id: "someone-else" },
    message: /commented on your review/,
  },
  {
    name: "review.liked",
    user: newId(),
    event: (u) =>
      event("reviews", ReviewLiked, { review_id: "review-2", review_author_id: u, liker_id: "someone-else", like_count: 3, liked_at: now() }),
    kind: "review_liked",
    data: { review_id: "review-2", liker_id: "someone-else", like_count: "3" },
    message: /liked your review; it has 3 likes now/,
  },
];

describe("notifications module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [notificationsModule, fakeUsers], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  const publish = <E extends EventContract>(owner: string, contract: E, payload: EventPayload<E>) => {
    const envelope = system.monolith.bus.event(owner, contract, payload);
    return system.monolith.bus.dispatch(envelope).then(() => envelope);
  };
  const notificationsOf = async (user: string) => (await system.client.http.get(`/api/v1/notifications/${user}`, operator)).body;

  it.each(cases)("turns $name into exactly one $kind notification, however often it is delivered", async (c) => {
    const { owner, contract, payload } = c.event(c.user);
    const envelope = system.monolith.bus.event(owner, contract, payload);
    await Promise.all([system.monolith.bus.dispatch(envelope), system.monolith.bus.dispatch(envelope)]);
    await system.monolith.bus.dispatch(envelope);
    const list = await notificationsOf(c.user);
    expect(v.is(NotificationList, list)).toBe(true);
    expect(list).toMatchObject({ count: 1, notifications: [{ user_id: c.user, kind: c.kind, data: c.data }] });
    expect(list.notifications[0].message).toMatch(c.message);
    expect(await system.client.sql("notifications", "select id from notifications where source_event_id = ?", [envelope.id])).toHaveLength(1);
    expect(await system.client.sql("notifications", "select message_id from inbox where message_id = ?", [envelope.id])).toHaveLength(1);
  });

  it("tells nobody about their own comment or like, nor about a payment without a user", async () => {
    const author = newId();
    const own = [
      await publish("reviews", ReviewCommented, {
        review_id: "r",
        comment_id: "c",
        review_author_id: author,
        commenter_id: author,
        commented_at: now(),
      }),
      await publish("reviews", ReviewLiked, { review_id: "r", review_author_id: author, liker_id: author, like_count: 1, liked_at: now() }),
      await publish("payments", PaymentFailed, {
        charge_id: "charge-9",
        order_id: null,
        user_id: null,
        amount_cents: 100,
        decline_code: "card_declined",
      }),
    ];
    expect(await notificationsOf(author)).toEqual({ count: 0, notifications: [] });
    const ids = own.map((e) => e.id);
    expect(await system.client.sql("notifications", "select id from notifications where source_event_id in (?, ?, ?)", ids)).toEqual([]);
    expect(await system.client.sql("notifications", "select message_id from inbox where message_id in (?, ?, ?)", ids)).toHaveLength(3);
  });

  it("leaves order_id out of a failed payment that had no order", async () => {
    const user = newId();
    await publish("payments", PaymentFailed, {
      charge_id: "charge-3",
      order_id: null,
      user_id: user,
      amount_cents: 1000,
      decline_code: "expired_card",
    });
    expect((await notificationsOf(user)).notifications[0].data).toEqual({ charge_id: "charge-3", decline_code: "expired_card" });
  });

  it("shows customers their own notifications only, newest last, optionally by kind", async () => {
    const ada = newId();
    const bob = newId();
    await publish("users", UserCreated, { user_id: ada, name: "Ada", email: "a@example.com", created_at: now() });
    await publish("orders", OrderPlaced, { order_id: "order-9", user_id: ada, items: [line], total_cents: 5998, placed_at: now() });
    await publish("users", UserCreated, { user_id: bob, name: "Bob", email: "b@example.com", created_at: now() });

    const mine = await system.client.http.get("/api/v1/notifications", as(ada));
    expect(mine.status).toBe(200);
    expect(v.is(NotificationList, mine.body)).toBe(true);
    expect(mine.body.count).toBe(2);
    expect(mine.body.notifications.map((n: { kind: string; user_id: string }) => [n.user_id, n.kind])).toEqual([
      [ada, "welcome"],
      [ada, "order_placed"],
    ]);
    const filtered = await system.client.http.get("/api/v1/notifications?kind=order_placed", as(ada));
    expect(filtered.body).toMatchObject({ count: 1, notifications: [{ kind: "order_placed", data: { order_id: "order-9" } }] });
    expect((await system.client.http.get("/api/v1/notifications", as(bob))).body).toMatchObject({
      count: 1,
      notifications: [{ user_id: bob, message: "Welcome, Bob!" }],
    });

    expect((await system.client.http.get("/api/v1/notifications?kind=nonsense", as(ada))).status).toBe(400);
    expect((await system.client.http.get("/api/v1/notifications")).status).toBe(401);
    expect((await system.client.http.get("/api/v1/notifications", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    // A session cannot reach the operator endpoint, not even for its own user id.
    const other = await system.client.http.get(`/api/v1/notifications/${bob}`, as(ada));
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe("operator_key_required");
  });

  it("requires the operator key for another user's notifications", async () => {
    const user = newId();
    await publish("users", UserCreated, { user_id: user, name: "Grace", email: "g@example.com", created_at: now() });
    const missing = await system.client.http.get(`/api/v1/notifications/${user}`);
    expect([missing.status, missing.body.error.code]).toEqual([401, "operator_key_required"]);
    const wrong = await system.client.http.get(`/api/v1/notifications/${user}`, { headers: { "x-operator-key": "not-the-operator-key" } });
    expect(wrong.status).toBe(401);
    expect(await notificationsOf(user)).toMatchObject({ count: 1, notifications: [{ kind: "welcome" }] });
    expect(await notificationsOf("nobody")).toEqual({ count: 0, notifications: [] });
    expect((await system.client.http.post(`/api/v1/notifications/${user}`, {}, operator)).status).toBe(405);
  });

  it("stores a notice another module sends once per source and user, however often and however concurrently it is sent", async () => {
    const user = newId();
    const source = newId();
    const notice = {
      user_id: user,
      kind: "course_enrolled",
      message: "You are enrolled in Clocks.",
      data: { course_id: "c-1" },
      source_id: source,
    } as const;
    const send = () => system.monolith.bus.call("courses", Notify, notice);
    const answers = [...(await Promise.all([send(), send()])), await send()];
    expect(new Set(answers.map((a) => a.notification_id)).size).toBe(1);
    const kept = await notificationsOf(user);
    expect(kept).toMatchObject({
      count: 1,
      notifications: [{ id: answers[0]?.notification_id, kind: "course_enrolled", data: { course_id: "c-1" } }],
    });
    expect((await system.client.http.get(`/api/v1/notifications?kind=course_enrolled`, as(user))).body.count).toBe(1);
    await expect(system.monolith.bus.call("courses", Notify, { ...notice, kind: "nonsense" as never })).rejects.toMatchObject({
      code: "contract_violation",
    });
  });
});
