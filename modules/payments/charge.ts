import type { EntityManager } from "@mikro-orm/postgresql";
import { PaymentFailed, PaymentSucceeded } from "../../contracts/payments/events.ts";
import { AppError, newId, type StoredResponse, type Tx } from "../../runtime/module-api/index.ts";
import { Charge } from "./entities.ts";
import { authorize } from "./provider.ts";
import type { PaymentsContext } from "./settings.ts";

export interface ChargeRequest {
  readonly orderId: string | null;
  readonly userId: string | null;
  readonly amountCents: number;
  readonly currency: string;
  readonly token: string;
  readonly description: string | null;
  /** "<scope>:<Idempotency-Key>", unique among charges. */
  readonly idempotencyKey: string;
}

const declined = (charge: Charge) =>
  new AppError("payment_declined", `the card was declined (${charge.declineCode})`, { charge_id: charge.id, decline_code: charge.declineCode });

/**
 * Charges a card: the provider is asked outside any transaction (it may be slow), then the charge, declined
 * or not, is stored with its event in one transaction. Returns a succeeded charge; a decline is
 * payment_declined, a provider failure payment_provider_error with nothing stored. Run it under an
 * idempotency key: a charge already stored for the key (the attempt crashed before its key was completed)
 * is answered again instead of charging twice.
 */
export async function chargeCard(ctx: PaymentsContext, request: ChargeRequest, settle?: SettleCharge): Promise<Charge> {
  const earlier = await ctx.db.em().findOne(Charge, { idempotencyKey: request.idempotencyKey });
  const charge = earlier ?? (await attempt(ctx, request, settle));
  if (charge.status === "declined") throw declined(charge);
  return charge;
}

/** A stored charge's outcome as its event: payment.succeeded, or payment.failed with the decline code. */
export function announceCharge(tx: Tx, charge: Charge): void {
  const facts = { charge_id: charge.id, order_id: charge.orderId ?? null, user_id: charge.userId ?? null, amount_cents: charge.amountCents };
  if (charge.status === "declined") tx.publish(PaymentFailed, { ...facts, decline_code: charge.declineCode ?? "card_declined" });
  else tx.publish(PaymentSucceeded, facts);
}

/**
 * Given the stored charge inside its transaction, to complete the idempotency key with its outcome there: the
 * charge and the key's answer commit together (IdempotencyStore.run's settle).
 */
export type SettleCharge = (em: EntityManager, charge: Charge, outcome: StoredResponse) => Promise<void>;

/** What a charge call answers for a stored charge: its reply, or the decline as the error body a replay repeats. */
export const chargeOutcome = (charge: Charge): StoredResponse => {
  if (charge.status !== "declined") return { status: 200, body: { charge_id: charge.id, amount_cents: charge.amountCents, status: "succeeded" } };
  const error = declined(charge);
  return { status: error.status, body: error.toBody() };
};

async function attempt(ctx: PaymentsContext, request: ChargeRequest, settle?: SettleCharge): Promise<Charge> {
  const outcome = await authorize(request.token, ctx.settings.PAYMENT_SLOW_MS, ctx.clock);
  if (outcome.kind === "error") throw new AppError("payment_provider_error", outcome.message);
  return ctx.db.transaction(async (tx) => {
    const charge = tx.em.create(Charge, {
      id: newId(),
      orderId: request.orderId,
      userId: request.userId,
      amountCents: request.amountCents,
      amountRefundedCents: 0,
      currency: request.currency,
      token: request.token,
      status: outcome.kind === "approved" ? "succeeded" : "declined",
      declineCode: outcome.kind === "declined" ? outcome.declineCode : null,
      description: request.description,
      idempotencyKey: request.idempotencyKey,
      createdAt: ctx.clock.now(),
    });
    announceCharge(tx, charge);
    await settle?.(tx.em, charge, chargeOutcome(charge));
    return charge;
  });
}
