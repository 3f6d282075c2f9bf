import type { Row, SystemState } from "../../../checkers/model.ts";
import { indexBy, numberOf, rowsOf, textOf, timeOf } from "../../../checkers/rows.ts";

/** The shop's rows its invariants read, by what they are (column names as in each module's schema). */

export const ordersOf = (state: SystemState): readonly Row[] => rowsOf(state, "orders", "orders");

export const sagasByOrder = (state: SystemState): Map<string, Row> => indexBy(rowsOf(state, "orders", "sagas"), "order_id");

export const chargesOf = (state: SystemState): readonly Row[] => rowsOf(state, "payments", "charges");

export const idOf = (row: Row): string => textOf(row, "id") ?? "?";

export const statusOf = (row: Row): string | undefined => textOf(row, "status");

/** A charge that took money and has not given all of it back. */
export const isUnrefunded = (charge: Row): boolean =>
  statusOf(charge) === "succeeded" && numberOf(charge, "amount_refunded_cents") < numberOf(charge, "amount_cents");

/** How long past its deadline a saga may still be finishing (compensations retry with a backoff of at most 5 s) before it is stuck. */
export const STUCK_AFTER_MS = 30_000;

export const isDone = (saga: Row): boolean => textOf(saga, "step") === "done";

/** How far past its deadline and the bound an unfinished saga is at `at` (ms), or undefined when it is not stuck. */
export function overdueMs(saga: Row, at: number): number | undefined {
  const deadline = timeOf(saga, "deadline_at");
  if (isDone(saga) || deadline === undefined || at <= deadline + STUCK_AFTER_MS) return undefined;
  return at - deadline;
}
