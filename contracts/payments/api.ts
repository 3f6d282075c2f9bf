import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";
import { DecimalAmount, DecimalPrice } from "../money.ts";

/** A test card token of the fake provider (see modules/payments/provider.ts for what each one does). */
export const PaymentToken = v.pipe(v.string(), v.regex(/^tok_[A-Za-z0-9_]{1,60}$/, "must be a payment token like tok_visa"));

/** Operator API: charge a card directly (Idempotency-Key required). */
export const CreateChargeBody = v.object({
  amount: v.pipe(DecimalPrice, v.minValue(0.01, "must be at least 0.01")),
  currency: v.optional(v.picklist(["usd", "eur", "gbp"]), "usd"),
  token: PaymentToken,
  description: v.optional(v.pipe(v.string(), v.maxLength(500))),
});

export const ChargeView = v.object({
  id: Id,
  amount: DecimalAmount,
  amount_refunded: DecimalAmount,
  currency: v.string(),
  status: v.picklist(["succeeded", "declined"]),
  decline_code: v.nullable(v.string()),
  order_id: v.nullable(Id),
  created_at: Timestamp,
});
export type ChargeView = v.InferOutput<typeof ChargeView>;

/** Operator API: refund a charge in full (Idempotency-Key required); an empty body is allowed. */
export const RefundBody = v.object({
  reason: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)), "requested_by_customer"),
});
