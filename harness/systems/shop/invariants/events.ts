import type { EventContract } from "../../../../contracts/define.ts";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../../../contracts/orders/events.ts";
import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "../../../../contracts/payments/events.ts";
import { ProductCreated, ProductUpdated } from "../../../../contracts/products/events.ts";
import { ReviewCommented, ReviewLiked, ReviewPosted } from "../../../../contracts/reviews/events.ts";
import { PasswordChanged, PasswordResetRequested, UserCreated, UserVerified, VerificationRequested } from "../../../../contracts/users/events.ts";
import { InventoryCommitted, InventoryReceived, InventoryReleased, InventoryReserved } from "../../../../contracts/warehouse/events.ts";
import type { Breach, Invariant } from "../../../checkers/model.ts";
import { rowsOf, textOf } from "../../../checkers/rows.ts";

/** An event's payload field that names a row of its owner's: the owner's table and the column it is found by. */
interface Names {
  readonly event: EventContract;
  readonly field: string;
  readonly table: string;
  readonly column: string;
}

const names = (event: EventContract, field: string, table: string, column = "id"): Names => ({ event, field, table, column });

/**
 * What each event is about, in its owner's own schema. An event about a row its owner does not have was
 * published by a transaction that did not commit (a dual write without the outbox) or about a row since lost.
 * Only entities that are never deleted are listed.
 */
const named: readonly Names[] = [
  ...[UserCreated, VerificationRequested, UserVerified, PasswordResetRequested, PasswordChanged].map((e) => names(e, "user_id", "users")),
  ...[ProductCreated, ProductUpdated].map((e) => names(e, "product_id", "products")),
  names(InventoryReceived, "receipt_id", "receipts", "receipt_id"),
  ...[InventoryReserved, InventoryCommitted, InventoryReleased].map((e) => names(e, "reservation_id", "reservations")),
  ...[PaymentSucceeded, PaymentFailed, PaymentRefunded].map((e) => names(e, "charge_id", "charges")),
  names(PaymentRefunded, "refund_id", "refunds"),
  ...[OrderPlaced, OrderConfirmed, OrderCancelled].map((e) => names(e, "order_id", "orders")),
  ...[ReviewPosted, ReviewCommented, ReviewLiked].map((e) => names(e, "review_id", "reviews")),
  names(ReviewCommented, "comment_id", "comments"),
];

export const eventsNameOwnedEntities: Invariant = {
  name: "no event names an entity its owner does not have",
  check(state) {
    const ids = new Map<string, Set<string>>();
    const idsOf = ({ event, table, column }: Names) => {
      const key = `${event.owner}.${table}.${column}`;
      let found = ids.get(key);
      if (!found) ids.set(key, (found = new Set(rowsOf(state, event.owner, table).flatMap((row) => textOf(row, column) ?? []))));
      return found;
    };
    return state.events.flatMap((event) =>
      named
        .filter((n) => n.event.type === event.type)
        .flatMap((n): Breach[] => {
          const id = (event.payload as Record<string, unknown> | null)?.[n.field];
          if (typeof id !== "string" || idsOf(n).has(id)) return [];
          return [
            {
              kind: "lost",
              module: n.event.owner,
              entity: id,
              problem: `${event.type} ${event.id} names ${n.field} ${id}, which ${n.event.owner}.${n.table} does not have`,
            },
          ];
        }),
    );
  },
};
