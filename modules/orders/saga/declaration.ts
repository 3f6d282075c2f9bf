import { ChargeCard, RefundCharge } from "../../../contracts/payments/calls.ts";
import { CommitReservation, ReleaseReservation, ReserveStock } from "../../../contracts/warehouse/calls.ts";
import type { SagaDeclaration } from "../../../runtime/module-api/index.ts";

/**
 * The checkout saga's steps as the harness's compensation checker sees them (the order of plan.ts; the calls
 * steps.ts makes; the undo plan.ts pairs with each). Charging is the pivot: once the card is charged, committing
 * the reservation is retried until the warehouse answers, never given up for lack of an answer.
 */
export const checkoutSaga: SagaDeclaration = {
  name: "checkout",
  steps: [
    { name: "reserve", call: ReserveStock, undo: ReleaseReservation, refusal: "insufficient_stock" },
    { name: "charge", call: ChargeCard, undo: RefundCharge, refusal: "payment_declined" },
    { name: "commit", call: CommitReservation, refusal: "reservation_expired", retriable: true },
  ],
};
