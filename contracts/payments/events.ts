import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id } from "../ids.ts";
import { Cents } from "../money.ts";

export const PaymentSucceeded = defineEvent({
  type: "payment.succeeded",
  owner: "payments",
  payload: v.object({ charge_id: Id, order_id: v.nullable(Id), user_id: v.nullable(Id), amount_cents: Cents }),
});

/** A charge the provider declined; the customer is told. */
export const PaymentFailed = defineEvent({
  type: "payment.failed",
  owner: "payments",
  payload: v.object({ charge_id: Id, order_id: v.nullable(Id), user_id: v.nullable(Id), amount_cents: Cents, decline_code: v.string() }),
});

export const PaymentRefunded = defineEvent({
  type: "payment.refunded",
  owner: "payments",
  payload: v.object({ refund_id: Id, charge_id: Id, order_id: v.nullable(Id), user_id: v.nullable(Id), amount_cents: Cents, reason: v.string() }),
});
