import type { CallContract } from "../../../contracts/define.ts";
import { ChargeCard, RefundCharge } from "../../../contracts/payments/calls.ts";
import { CommitReservation, ReleaseReservation, ReserveStock } from "../../../contracts/warehouse/calls.ts";
import type { ModuleContext } from "../../../runtime/module-api/index.ts";
import type { Order, OrderItem, Saga } from "../entities.ts";
import { checkoutSaga } from "./declaration.ts";
import { failure, type Outcome } from "./outcome.ts";
import { forwardSteps, type Source } from "./plan.ts";

/** Every call a saga of `source` will make going forward (from its declaration): what must be answering for one to start. */
export const callsAhead = (source: Source): CallContract[] =>
  forwardSteps(source).flatMap((step) => checkoutSaga.steps.find((s) => s.name === step)?.call ?? []);

/** The idempotency key of an order's one charge: a retried or resumed step can never charge twice. */
const chargeKey = (orderId: string) => `order:${orderId}:charge`;

/**
 * Runs the saga's current step: the calls to other modules, and nothing else (no transaction is open; the
 * runner records the outcome afterwards). Every call here is idempotent, so running a step twice after a
 * crash is safe.
 */
export async function runStep(ctx: ModuleContext, saga: Saga, order: Order, items: readonly OrderItem[]): Promise<Outcome> {
  try {
    switch (saga.step) {
      case "reserve":
        await ctx.call(ReserveStock, {
          order_id: order.id,
          items: items.map((i) => ({ product_id: i.productId, quantity: i.quantity })),
        });
        return { kind: "next" };
      case "charge": {
        const charge = await ctx.call(ChargeCard, {
          idempotency_key: chargeKey(order.id),
          order_id: order.id,
          user_id: order.userId,
          amount_cents: order.totalCents,
          currency: "usd",
          token: saga.paymentToken ?? "",
        });
        return { kind: "next", chargeId: charge.charge_id };
      }
      case "commit":
        await ctx.call(CommitReservation, { order_id: order.id });
        return { kind: "next" };
      case "refund":
        if (saga.chargeId) await ctx.call(RefundCharge, { charge_id: saga.chargeId, reason: saga.reason ?? "order_cancelled" });
        return { kind: "next" };
      case "release":
        await ctx.call(ReleaseReservation, { order_id: order.id, reason: saga.reason ?? "order_cancelled" });
        return { kind: "next" };
      default:
        return { kind: "next" };
    }
  } catch (error) {
    return stepFailure(saga.step, error);
  }
}

function stepFailure(step: string, error: unknown): Outcome {
  switch (step) {
    case "reserve":
      return failure(error, { insufficient_stock: "insufficient_stock" });
    case "charge":
      return failure(error, { payment_declined: "payment_declined", idempotency_key_reused: "payment_failed" });
    case "commit":
      return failure(error, { reservation_expired: "reservation_expired", reservation_not_found: "reservation_expired" });
    default: {
      // A compensation must finish: transient failures retry, and a refusal (nothing left to undo) moves on.
      const outcome = failure(error, {});
      return outcome.kind === "retry" ? outcome : { kind: "next" };
    }
  }
}
