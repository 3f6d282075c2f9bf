import type { EventPayload } from "../../contracts/define.ts";
import { fromCents } from "../../contracts/money.ts";
import type { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import type { PaymentFailed } from "../../contracts/payments/events.ts";
import type { ReviewCommented, ReviewLiked } from "../../contracts/reviews/events.ts";
import type { PasswordResetRequested, UserCreated, VerificationRequested } from "../../contracts/users/events.ts";
import type { Draft } from "./kinds.ts";

const amount = (cents: number) => fromCents(cents).toFixed(2);
const words = (code: string) => code.replace(/[_-]+/g, " ").trim();

/** Cancellation reasons orders sends, in words; any other code is spelled out as it is. */
const cancelReasons: Record<string, string> = {
  payment_declined: "because your payment was declined",
  payment_failed: "because your payment did not go through",
  payment_timeout: "because the payment did not complete in time",
  checkout_timeout: "because the checkout did not complete in time",
  insufficient_stock: "because some items are out of stock",
  insufficient_inventory: "because some items are out of stock",
  customer_request: "at your request",
};

const cancelReason = (reason: string) => cancelReasons[reason] ?? `for this reason: ${words(reason)}`;

// Pure translations from events to what the user reads; null means nobody is told.

export const welcomeDraft = (e: EventPayload<typeof UserCreated>): Draft => ({
  userId: e.user_id,
  kind: "welcome",
  message: `Welcome, ${e.name}!`,
  data: {},
});

export const verifyEmailDraft = (e: EventPayload<typeof VerificationRequested>): Draft => ({
  userId: e.user_id,
  kind: "verify_email",
  message: `Please confirm ${e.email} with the verification token in this message; it expires at ${e.expires_at}.`,
  data: { token: e.token, expires_at: e.expires_at },
});

export const passwordResetDraft = (e: EventPayload<typeof PasswordResetRequested>): Draft => ({
  userId: e.user_id,
  kind: "password_reset",
  message: `Someone asked to reset the password of ${e.email}. Use the reset token in this message before ${e.expires_at}; if it was not you, ignore it.`,
  data: { token: e.token, expires_at: e.expires_at },
});

export const orderPlacedDraft = (e: EventPayload<typeof OrderPlaced>): Draft => ({
  userId: e.user_id,
  kind: "order_placed",
  message: `Your order ${e.order_id} for ${amount(e.total_cents)} was placed.`,
  data: { order_id: e.order_id },
});

export const orderConfirmedDraft = (e: EventPayload<typeof OrderConfirmed>): Draft => ({
  userId: e.user_id,
  kind: "order_confirmed",
  message: `Your order ${e.order_id} is confirmed; the total is ${amount(e.total_cents)}.`,
  data: { order_id: e.order_id, total: amount(e.total_cents) },
});

export const orderCancelledDraft = (e: EventPayload<typeof OrderCancelled>): Draft => ({
  userId: e.user_id,
  kind: "order_cancelled",
  message: `Your order ${e.order_id} was cancelled ${cancelReason(e.reason)}.`,
  data: { order_id: e.order_id, reason: e.reason },
});

export const paymentFailedDraft = (e: EventPayload<typeof PaymentFailed>): Draft | null =>
  e.user_id === null
    ? null
    : {
        userId: e.user_id,
        kind: "payment_failed",
        message: `Your payment of ${amount(e.amount_cents)}${e.order_id ? ` for order ${e.order_id}` : ""} was declined: ${words(e.decline_code)}.`,
        data: { charge_id: e.charge_id, ...(e.order_id ? { order_id: e.order_id } : {}), decline_code: e.decline_code },
      };

export const reviewCommentedDraft = (e: EventPayload<typeof ReviewCommented>): Draft | null =>
  e.commenter_id === e.review_author_id
    ? null
    : {
        userId: e.review_author_id,
        kind: "review_commented",
        message: "Someone commented on your review.",
        data: { review_id: e.review_id, comment_id: e.comment_id, commenter_id: e.commenter_id },
      };

export const reviewLikedDraft = (e: EventPayload<typeof ReviewLiked>): Draft | null =>
  e.liker_id === e.review_author_id
    ? null
    : {
        userId: e.review_author_id,
        kind: "review_liked",
        message: `Someone liked your review; it has ${e.like_count} ${e.like_count === 1 ? "like" : "likes"} now.`,
        data: { review_id: e.review_id, liker_id: e.liker_id, like_count: String(e.like_count) },
      };
