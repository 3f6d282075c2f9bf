import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventUse } from "../../contracts/consumer.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { deliver, eventUse, redeliver } from "../../harness/stubs/deliveries.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { notificationsConsumes } from "./consumes.ts";
import { notificationsModule } from "./module.ts";

type Payload = Record<string, unknown>;

/** The tokens the users stub answers for (notifications' consumer contract). */
const customer = { headers: { authorization: "Bearer tok-ct-notifications" } };
const signedOut = { headers: { authorization: "Bearer tok-ct-notifications-unknown" } };
const buyer = "u-ct-notifications-buyer";
const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };

/** Who each event tells, and as which kind of notification; null: nobody. */
const expected: Record<string, { kind: string; recipient: (p: Payload) => unknown }> = {
  "user.created": { kind: "welcome", recipient: (p) => p.user_id },
  "user.verification_requested": { kind: "verify_email", recipient: (p) => p.user_id },
  "user.password_reset_requested": { kind: "password_reset", recipient: (p) => p.user_id },
  "order.placed": { kind: "order_placed", recipient: (p) => p.user_id },
  "order.confirmed": { kind: "order_confirmed", recipient: (p) => p.user_id },
  "order.cancelled": { kind: "order_cancelled", recipient: (p) => p.user_id },
  "payment.failed": { kind: "payment_failed", recipient: (p) => p.user_id },
  "review.commented": { kind: "review_commented", recipient: (p) => p.review_author_id },
  "review.liked": { kind: "review_liked", recipient: (p) => p.review_author_id },
};

const eventUses = notificationsConsumes.uses.filter((u): u is EventUse => u.kind === "event");
const cases = eventUses.flatMap((use) => use.interactions.map((interaction) => ({ type: use.contract.type, use, interaction })));
const orderNews = ["order.placed", "order.confirmed", "order.cancelled", "payment.failed"].map((type) => eventUse(notificationsConsumes, type));

/**
 * Notifications alone, on its real database: every event its consumer contract describes is delivered as
 * described, sessions come from the users stub generated from the same contract.
 */
describe("notifications as a component", () => {
  let notifications: Component;
  const stored = (eventId: string) =>
    notifications.client.sql<{ user_id: string; kind: string }>(
      "notifications",
      "select user_id, kind from notifications where source_event_id = ?",
      [eventId],
    );

  beforeAll(async () => {
    notifications = await startComponent(notificationsModule);
  });
  afterAll(() => notifications.stop());

  it.each(cases)(
    "$type ($interaction.description): one notification for the right person, however often delivered",
    async ({ type, use, interaction }) => {
      const envelope = await deliver(notifications, use, interaction);
      await redeliver(notifications, envelope);
      const rule = expected[type];
      if (!rule) throw new Error(`no expectation for ${type}`);
      const recipient = rule.recipient(interaction.example as Payload);
      expect(await stored(envelope.id)).toEqual(recipient === null ? [] : [{ user_id: recipient, kind: rule.kind }]);
      expect(await notifications.client.sql("notifications", "select message_id from inbox where message_id = ?", [envelope.id])).toHaveLength(1);
    },
  );

  it("lists a customer's own notifications through the session the users stub answers", async () => {
    const before = (await notifications.client.http.get("/api/v1/notifications", customer)).body.count as number;
    for (const use of orderNews) for (const interaction of use.interactions) await deliver(notifications, use, interaction);

    const mine = await notifications.client.http.get("/api/v1/notifications", customer);
    expect(mine.status).toBe(200);
    expect(mine.body.count).toBe(before + 4);
    expect(mine.body.notifications.slice(before).map((n: { user_id: string; kind: string }) => [n.user_id, n.kind])).toEqual([
      [buyer, "order_placed"],
      [buyer, "order_confirmed"],
      [buyer, "order_cancelled"],
      [buyer, "payment_failed"],
    ]);
    const cancelled = await notifications.client.http.get("/api/v1/notifications?kind=order_cancelled", customer);
    expect(cancelled.body.notifications.at(-1)).toMatchObject({
      message: "Your order o-ct-notifications-cancelled was cancelled because your payment was declined.",
      data: { order_id: "o-ct-notifications-cancelled", reason: "payment_declined" },
    });
  });

  it("answers 401 for a token the users stub does not know, and for none", async () => {
    const unknown = await notifications.client.http.get("/api/v1/notifications", signedOut);
    expect([unknown.status, unknown.body.error.code]).toEqual([401, "unauthenticated"]);
    expect((await notifications.client.http.get("/api/v1/notifications")).status).toBe(401);
  });
});

describe("notifications as a component, with users too slow to answer", () => {
  let notifications: Component;

  beforeAll(async () => {
    notifications = await startComponent(notificationsModule, { slow: { "users.authenticate": 2000 }, env: { TWOFOLD_CALL_TIMEOUT_MS: "300" } });
  });
  afterAll(() => notifications.stop());

  it("answers a customer 504 call_timeout at once instead of hanging", async () => {
    const response = await notifications.client.http.get("/api/v1/notifications", customer);
    expect([response.status, response.body.error.code]).toEqual([504, "call_timeout"]);
    expect(response.ms).toBeLessThan(1500);
  });

  it("still records events and serves the operator, who needs no session", async () => {
    const [placed] = orderNews[0]?.interactions ?? [];
    if (!placed || !orderNews[0]) throw new Error("the contract has no order.placed");
    await deliver(notifications, orderNews[0], placed);
    const theirs = await notifications.client.http.get(`/api/v1/notifications/${buyer}`, operator);
    expect(theirs.status).toBe(200);
    expect(theirs.body.notifications).toEqual([expect.objectContaining({ kind: "order_placed", data: { order_id: "o-ct-notifications-placed" } })]);
  });
});
