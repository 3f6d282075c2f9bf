import { LockMode } from "@mikro-orm/core";
import { PaymentRefunded } from "../../contracts/payments/events.ts";
import { AppError, type ModuleContext, newId } from "../../runtime/module-api/index.ts";
import { Charge, Refund } from "./entities.ts";

/**
 * Refunds a succeeded charge in full, once: the charge row is locked, so concurrent refunds of one charge
 * serialize and every later one gets the first refund back (`created: false`).
 */
export async function refundCharge(ctx: ModuleContext, chargeId: string, reason: string): Promise<{ refund: Refund; created: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const charge = await tx.em.findOne(Charge, { id: chargeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!charge) throw new AppError("charge_not_found", `no charge ${chargeId}`);
    if (charge.status !== "succeeded") {
      throw new AppError("charge_not_refundable", `charge ${chargeId} was ${charge.status}; only a succeeded charge can be refunded`, {
        status: charge.status,
      });
    }
    const existing = await tx.em.findOne(Refund, { chargeId });
    if (existing) return { refund: existing, created: false };
    const refund = tx.em.create(Refund, { id: newId(), chargeId, amountCents: charge.amountCents, reason, createdAt: ctx.clock.now() });
    charge.amountRefundedCents = charge.amountCents;
    tx.publish(PaymentRefunded, {
      refund_id: refund.id,
      charge_id: charge.id,
      order_id: charge.orderId ?? null,
      user_id: charge.userId ?? null,
      amount_cents: refund.amountCents,
      reason,
    });
    return { refund, created: true };
  });
}
