import type { Breach, Invariant } from "../../../checkers/model.ts";
import { groupBy, indexBy, numberOf, textOf } from "../../../checkers/rows.ts";
import { chargesOf, idOf, isDone, isUnrefunded, ordersOf, sagasByOrder, statusOf } from "./shop-rows.ts";

const chargeList = (charges: readonly { id: string }[]) => charges.map((c) => c.id).join(", ");

export const cancelledOrdersAreRefunded: Invariant = {
  name: "a cancelled order's charges are fully refunded",
  check(state) {
    const chargesByOrder = groupBy(chargesOf(state), "order_id");
    return ordersOf(state)
      .filter((order) => statusOf(order) === "cancelled")
      .flatMap((order) =>
        (chargesByOrder.get(idOf(order)) ?? []).filter(isUnrefunded).map(
          (charge): Breach => ({
            kind: "lost",
            module: "orders",
            entity: idOf(order),
            problem: `cancelled (${textOf(order, "status_reason") ?? "no reason"}), but its charge ${idOf(charge)} keeps ${numberOf(charge, "amount_cents") - numberOf(charge, "amount_refunded_cents")} of ${numberOf(charge, "amount_cents")} cents: its refund was lost`,
          }),
        ),
      );
  },
};

export const oneChargePerConfirmedOrder: Invariant = {
  name: "a confirmed order has exactly one succeeded, unrefunded charge",
  check(state) {
    const chargesByOrder = groupBy(chargesOf(state), "order_id");
    return ordersOf(state)
      .filter((order) => statusOf(order) === "confirmed")
      .flatMap((order): Breach[] => {
        const kept = (chargesByOrder.get(idOf(order)) ?? []).filter(isUnrefunded).map((c) => ({ id: idOf(c) }));
        if (kept.length === 1) return [];
        return kept.length === 0
          ? [{ kind: "lost", module: "orders", entity: idOf(order), problem: "confirmed, but no charge of it holds the money" }]
          : [{ kind: "doubled", module: "orders", entity: idOf(order), problem: `confirmed and charged ${kept.length} times: ${chargeList(kept)}` }];
      });
  },
};

/**
 * Money taken for an order that is not confirmed goes back. A cancelled order's charges are the invariant
 * above's; a pending order whose saga is still running may hold its charge until it settles.
 */
export const orphanChargesAreRefunded: Invariant = {
  name: "each charge without a confirmed order is refunded",
  check(state) {
    const orders = indexBy(ordersOf(state), "id");
    const sagas = sagasByOrder(state);
    return chargesOf(state)
      .filter(isUnrefunded)
      .flatMap((charge): Breach[] => {
        const orderId = textOf(charge, "order_id");
        if (orderId === undefined) return [];
        const order = orders.get(orderId);
        const status = order && statusOf(order);
        if (status === "confirmed" || status === "cancelled") return [];
        const saga = sagas.get(orderId);
        if (order && saga && !isDone(saga)) return [];
        const why = order ? `is ${status}, its saga ${saga ? "done" : "missing"}` : "does not exist";
        return [{ kind: "lost", module: "payments", entity: idOf(charge), problem: `charged for order ${orderId}, which ${why}, and not refunded` }];
      });
  },
};
