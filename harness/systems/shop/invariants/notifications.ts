import type { EventContract, EventPayload } from "../../../../contracts/define.ts";
import { PaymentFailed } from "../../../../contracts/payments/events.ts";
import { ReviewCommented, ReviewLiked } from "../../../../contracts/reviews/events.ts";
import { PasswordResetRequested, VerificationRequested } from "../../../../contracts/users/events.ts";
import type { Breach, Invariant, Row, SystemState } from "../../../checkers/model.ts";
import { countBy, rowsOf, textOf } from "../../../checkers/rows.ts";
import { idOf, ordersOf, statusOf } from "./shop-rows.ts";

/** The customer of each entity the rule selects is told `kind` once: one entity, one change, one message. */
interface ToldPerEntity {
  readonly kind: string;
  /** The entities whose customer is told, with how to name each. */
  readonly about: (state: SystemState) => readonly { id: string; what: string }[];
  /** Which entity a notification of `kind` is about. */
  readonly entityOf: (notification: Row) => string | undefined;
}

const orderIdOf = (notification: Row): string | undefined => {
  const data = notification.data as Row | null;
  return typeof data?.order_id === "string" ? data.order_id : undefined;
};

const ordersIn = (status?: string) => (state: SystemState) =>
  ordersOf(state)
    .filter((order) => status === undefined || statusOf(order) === status)
    .map((order) => ({ id: idOf(order), what: `order ${idOf(order)} (${statusOf(order)})` }));

/** Per entity: a publisher that announced one change twice tells the customer twice, whatever the inbox does. */
const toldPerEntity: readonly ToldPerEntity[] = [
  {
    kind: "welcome",
    about: (state) => rowsOf(state, "users", "users").map((user) => ({ id: idOf(user), what: `user ${idOf(user)}` })),
    entityOf: (n) => textOf(n, "user_id"),
  },
  { kind: "order_placed", about: ordersIn(), entityOf: orderIdOf },
  { kind: "order_confirmed", about: ordersIn("confirmed"), entityOf: orderIdOf },
  { kind: "order_cancelled", about: ordersIn("cancelled"), entityOf: orderIdOf },
];

/** Who an event tells; null: nobody, by design (a payment no user made, a like of one's own review). */
const tells = <E extends EventContract>(contract: E, whom: (payload: EventPayload<E>) => string | null) => ({
  type: contract.type,
  whom: whom as (payload: unknown) => string | null,
});

/** Per event, for the notifying events that may come more than once per entity (a second reset mail is a new one). */
const toldPerEvent = [
  tells(VerificationRequested, (e) => e.user_id),
  tells(PasswordResetRequested, (e) => e.user_id),
  tells(PaymentFailed, (e) => e.user_id),
  tells(ReviewCommented, (e) => (e.commenter_id === e.review_author_id ? null : e.review_author_id)),
  tells(ReviewLiked, (e) => (e.liker_id === e.review_author_id ? null : e.review_author_id)),
];

const onceOrBreach = (entity: string, told: number, what: string): Breach[] =>
  told === 1 ? [] : [{ kind: told === 0 ? "lost" : "doubled", module: "notifications", entity, problem: `${what}: told ${told} times` }];

export const notifiedOnce: Invariant = {
  name: "one notification per event that notifies",
  check(state) {
    const notifications = rowsOf(state, "notifications", "notifications");
    const perEntity = toldPerEntity.flatMap((rule) => {
      const told = countBy(notifications.filter((n) => textOf(n, "kind") === rule.kind).map(rule.entityOf));
      return rule.about(state).flatMap(({ id, what }) => onceOrBreach(id, told.get(id) ?? 0, `${what}, ${rule.kind}`));
    });
    const bySource = countBy(notifications.map((n) => textOf(n, "source_event_id")));
    const perEvent = state.events.flatMap((event) => {
      const rule = toldPerEvent.find((r) => r.type === event.type);
      if (!rule || rule.whom(event.payload) === null) return [];
      return onceOrBreach(event.id, bySource.get(event.id) ?? 0, `${event.type} ${event.id}`);
    });
    return [...perEntity, ...perEvent];
  },
};
