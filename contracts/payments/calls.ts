import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";
import { Cents } from "../money.ts";
import { PaymentToken } from "./api.ts";

/**
 * Charges a card through the provider. Idempotent by `idempotency_key`: the same key and request replay the
 * first outcome (no second charge); the same key with another request is refused; while the first attempt is
 * still running, a second one is told so (retry later).
 */
export const ChargeCard = defineCall({
  name: "payments.charge",
  owner: "payments",
  request: v.object({
    idempotency_key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    order_id: Id,
    user_id: Id,
    amount_cents: v.pipe(Cents, v.minValue(1)),
    currency: v.picklist(["usd", "eur", "gbp"]),
    token: PaymentToken,
  }),
  reply: v.object({ charge_id: Id, amount_cents: Cents, status: v.literal("succeeded") }),
  errors: ["payment_declined", "payment_provider_error", "idempotency_key_in_progress", "idempotency_key_reused"],
});

/** Refunds a charge in full. Idempotent by charge: refunding twice refunds once. A declined charge is not refundable. */
export const RefundCharge = defineCall({
  name: "payments.refund",
  owner: "payments",
  request: v.object({ charge_id: Id, reason: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) }),
  reply: v.object({ refund_id: Id, charge_id: Id, amount_cents: Cents }),
  errors: ["charge_not_found", "charge_not_refundable"],
});
