import { fromCents } from "../../contracts/money.ts";
import type { ChargeView } from "../../contracts/payments/api.ts";
import type { Charge, Refund } from "./entities.ts";

export const toChargeView = (charge: Charge): ChargeView => ({
  id: charge.id,
  amount: fromCents(charge.amountCents),
  amount_refunded: fromCents(charge.amountRefundedCents),
  currency: charge.currency,
  status: charge.status,
  decline_code: charge.declineCode ?? null,
  order_id: charge.orderId ?? null,
  created_at: charge.createdAt.toISOString(),
});

export const toRefundView = (refund: Refund) => ({
  id: refund.id,
  charge_id: refund.chargeId,
  amount: fromCents(refund.amountCents),
  created_at: refund.createdAt.toISOString(),
});
