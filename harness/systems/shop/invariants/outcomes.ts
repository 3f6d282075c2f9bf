import type { Breach, Invariant } from "../../../checkers/model.ts";
import { numberOf, rowsOf, textOf } from "../../../checkers/rows.ts";
import { idOf, isDone, ordersOf, overdueMs, STUCK_AFTER_MS, sagasByOrder, statusOf } from "./shop-rows.ts";

/**
 * A customer's order is decided by its saga: confirmed, or cancelled with the reason. An operator's order stays
 * pending by design (its payment is collected offline). One still deciding past its deadline is the saga
 * invariant's.
 */
export const checkoutOrdersEnd: Invariant = {
  name: "every checkout order ends confirmed or cancelled with a reason",
  check(state) {
    const sagas = sagasByOrder(state);
    return ordersOf(state)
      .filter((order) => textOf(order, "source") === "checkout")
      .flatMap((order): Breach[] => {
        const status = statusOf(order);
        const saga = sagas.get(idOf(order));
        const breach = (kind: Breach["kind"], problem: string): Breach[] => [{ kind, module: "orders", entity: idOf(order), problem }];
        if (status === "cancelled" && !textOf(order, "status_reason")) return breach("lost", "cancelled without a reason");
        if (status !== "pending") return [];
        if (!saga) return breach("stuck", "pending, with no saga to decide it");
        return isDone(saga) ? breach("stuck", "pending, but its saga is done") : [];
      });
  },
};

export const noSagaStuck: Invariant = {
  name: `no saga is still running ${STUCK_AFTER_MS / 1000} s after its deadline`,
  check(state) {
    return rowsOf(state, "orders", "sagas").flatMap((saga): Breach[] => {
      const overdue = overdueMs(saga, state.at);
      if (overdue === undefined) return [];
      const lastError = textOf(saga, "last_error");
      return [
        {
          kind: "stuck",
          module: "orders",
          entity: textOf(saga, "order_id") ?? "?",
          problem: `its saga is still at step "${textOf(saga, "step")}" ${Math.round(overdue / 1000)} s after its deadline (attempts: ${numberOf(saga, "attempts")}${lastError ? `, last error: ${lastError}` : ""})`,
        },
      ];
    });
  },
};
