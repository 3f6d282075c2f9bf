import type { CallReply } from "../../contracts/define.ts";
import type { ErrorBody } from "../../contracts/errors.ts";
import { ChargeCard, RefundCharge } from "../../contracts/payments/calls.ts";
import { AppError, answer, fingerprint } from "../../runtime/module-api/index.ts";
import { chargeCard, chargeOutcome } from "./charge.ts";
import { refundCharge } from "./refund.ts";
import type { PaymentsContext } from "./settings.ts";

/**
 * payments.charge under its idempotency key: a replay answers the first outcome again, a decline included,
 * without asking the provider a second time.
 */
export const chargeCall = answer(ChargeCard, async (request, ctx: PaymentsContext) => {
  const outcome = await ctx.db.idempotency.run("call", request.idempotency_key, fingerprint(request), async (began, settle) => {
    // A decline is the outcome of asking the provider: it is replayed, never asked again.
    began();
    const charge = await chargeCard(
      ctx,
      {
        orderId: request.order_id,
        userId: request.user_id,
        amountCents: request.amount_cents,
        currency: request.currency,
        token: request.token,
        description: null,
        idempotencyKey: `call:${request.idempotency_key}`,
      },
      // The key is completed with the charge, in its transaction (one statement fewer per charge).
      (em, _charge, stored) => settle(em, stored),
    );
    return chargeOutcome(charge);
  });
  if (outcome.status >= 400) throw AppError.fromBody(outcome.body as ErrorBody);
  return outcome.body as CallReply<typeof ChargeCard>;
});

export const refundCall = answer(RefundCharge, async ({ charge_id, reason }, ctx) => {
  const { refund } = await refundCharge(ctx, charge_id, reason);
  return { refund_id: refund.id, charge_id, amount_cents: refund.amountCents };
});
