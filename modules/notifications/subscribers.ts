import type { EventContract, EventPayload } from "../../contracts/define.ts";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import { PaymentFailed } from "../../contracts/payments/events.ts";
import { ReviewCommented, ReviewLiked } from "../../contracts/reviews/events.ts";
import { PasswordResetRequested, UserCreated, VerificationRequested } from "../../contracts/users/events.ts";
import { type EventBinding, newId, on } from "../../runtime/module-api/index.ts";
import { deliveryNow } from "./delivery.ts";
import { Notification } from "./entities.ts";
import type { Draft } from "./kinds.ts";
import {
  orderCancelledDraft,
  orderConfirmedDraft,
  orderPlacedDraft,
  passwordResetDraft,
  paymentFailedDraft,
  reviewCommentedDraft,
  reviewLikedDraft,
  verifyEmailDraft,
  welcomeDraft,
} from "./messages.ts";

/**
 * Stores the draft in the handler's one inbox transaction, so a redelivered event tells nobody twice. With
 * no draft, the runtime still records the delivery as handled.
 */
const notifyOn = <E extends EventContract>(contract: E, draft: (payload: EventPayload<E>) => Draft | null): EventBinding =>
  on(contract, async (payload, ctx) => {
    const note = draft(payload);
    if (!note) return;
    await ctx.transaction(async ({ em }) => {
      em.create(Notification, { id: newId(), ...note, sourceEventId: ctx.envelope.id, delivery: deliveryNow(), createdAt: new Date() });
    });
  });

export const subscribers: readonly EventBinding[] = [
  notifyOn(UserCreated, welcomeDraft),
  notifyOn(VerificationRequested, verifyEmailDraft),
  notifyOn(PasswordResetRequested, passwordResetDraft),
  notifyOn(OrderPlaced, orderPlacedDraft),
  notifyOn(OrderConfirmed, orderConfirmedDraft),
  notifyOn(OrderCancelled, orderCancelledDraft),
  notifyOn(PaymentFailed, paymentFailedDraft),
  notifyOn(ReviewCommented, reviewCommentedDraft),
  notifyOn(ReviewLiked, reviewLikedDraft),
];
