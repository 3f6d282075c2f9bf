import * as v from "valibot";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "../../contracts/orders/events.ts";
import { PaymentFailed } from "../../contracts/payments/events.ts";
import { ReviewCommented, ReviewLiked } from "../../contracts/reviews/events.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { PasswordResetRequested, UserCreated, VerificationRequested } from "../../contracts/users/events.ts";

const at = "2025-01-01T12:00:00.000Z";
const buyer = "u-ct-notifications-buyer";
const book = "p-ct-notifications-book";
const line = [{ product_id: book, quantity: 1, unit_price_cents: 1999 }];
const review = { review_id: "rv-ct-notifications", author_id: "u-ct-notifications-reviewer" };

/** A mailed token: who gets it, at which address, and until when it works. */
const TokenMail = v.object({ user_id: v.string(), email: v.string(), token: v.string(), expires_at: v.string() });
/** An order message: whose order, which, and for how much (shown as a decimal). */
const OrderNews = v.object({ order_id: v.string(), user_id: v.string(), total_cents: v.number() });

/** Everything notifications relies on: whose notifications to list, and every event it tells someone about. */
export const notificationsConsumes = defineConsumer("notifications", [
  usesCall(Authenticate, {
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a customer's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-notifications", user_id: buyer, email_verified: true } },
        request: { token: "tok-ct-notifications" },
        respond: { reply: { user_id: buyer, session_id: "ses-ct-notifications-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-notifications-unknown" } },
        request: { token: "tok-ct-notifications-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),

  usesEvent(UserCreated, {
    reads: v.object({ user_id: v.string(), name: v.string() }),
    interactions: [
      {
        description: "a new user is welcomed",
        given: { name: "user has just been created", params: { user_id: "u-ct-notifications-new", name: "Grace" } },
        example: { user_id: "u-ct-notifications-new", name: "Grace", email: "u-ct-notifications-new@contracts.example", created_at: at },
      },
    ],
  }),

  usesEvent(VerificationRequested, {
    reads: TokenMail,
    interactions: [
      {
        description: "a verification token is mailed",
        given: { name: "user has just asked to verify their email", params: { user_id: "u-ct-notifications-unverified" } },
        example: {
          user_id: "u-ct-notifications-unverified",
          email: "u-ct-notifications-unverified@contracts.example",
          token: "secret",
          expires_at: at,
        },
      },
    ],
  }),

  usesEvent(PasswordResetRequested, {
    reads: TokenMail,
    interactions: [
      {
        description: "a reset token is mailed",
        given: { name: "user has just asked to reset their password", params: { user_id: "u-ct-notifications-forgetful" } },
        example: {
          user_id: "u-ct-notifications-forgetful",
          email: "u-ct-notifications-forgetful@contracts.example",
          token: "secret",
          expires_at: at,
        },
      },
    ],
  }),

  usesEvent(OrderPlaced, {
    reads: OrderNews,
    interactions: [
      {
        description: "an order was placed",
        given: { name: "order has just been placed", params: { order_id: "o-ct-notifications-placed", user_id: buyer, product_id: book } },
        example: { order_id: "o-ct-notifications-placed", user_id: buyer, items: line, total_cents: 2498, placed_at: at },
      },
    ],
  }),

  usesEvent(OrderConfirmed, {
    reads: OrderNews,
    interactions: [
      {
        description: "an order was confirmed",
        given: { name: "order has just been confirmed", params: { order_id: "o-ct-notifications-confirmed", user_id: buyer, product_id: book } },
        example: { order_id: "o-ct-notifications-confirmed", user_id: buyer, items: line, total_cents: 2498, charge_id: null, confirmed_at: at },
      },
    ],
  }),

  usesEvent(OrderCancelled, {
    // The reason is a code, spelled out in words for the customer.
    reads: v.object({ order_id: v.string(), user_id: v.string(), reason: v.string() }),
    interactions: [
      {
        description: "an order was cancelled",
        given: {
          name: "order has just been cancelled",
          params: { order_id: "o-ct-notifications-cancelled", user_id: buyer, product_id: book, reason: "payment_declined" },
        },
        example: {
          order_id: "o-ct-notifications-cancelled",
          user_id: buyer,
          reason: "payment_declined",
          items: line,
          total_cents: 2498,
          cancelled_at: at,
        },
      },
    ],
  }),

  usesEvent(PaymentFailed, {
    // An operator's charge has no user (nobody is told) and no order.
    reads: v.object({
      charge_id: v.string(),
      order_id: v.nullable(v.string()),
      user_id: v.nullable(v.string()),
      amount_cents: v.number(),
      decline_code: v.string(),
    }),
    interactions: [
      {
        description: "a customer's card was declined at checkout",
        given: {
          name: "a charge was declined",
          params: {
            charge_id: "ch-ct-notifications-declined",
            order_id: "o-ct-notifications-declined",
            user_id: buyer,
            amount_cents: 2498,
            decline_code: "insufficient_funds",
          },
        },
        example: {
          charge_id: "ch-ct-notifications-declined",
          order_id: "o-ct-notifications-declined",
          user_id: buyer,
          amount_cents: 2498,
          decline_code: "insufficient_funds",
        },
      },
      {
        description: "an operator's charge was declined",
        given: {
          name: "a charge was declined",
          params: { charge_id: "ch-ct-notifications-operator", amount_cents: 999, decline_code: "card_declined" },
        },
        example: { charge_id: "ch-ct-notifications-operator", order_id: null, user_id: null, amount_cents: 999, decline_code: "card_declined" },
      },
    ],
  }),

  usesEvent(ReviewCommented, {
    reads: v.object({ review_id: v.string(), comment_id: v.string(), review_author_id: v.string(), commenter_id: v.string() }),
    interactions: [
      {
        description: "someone commented on a customer's review",
        given: {
          name: "review has just been commented on",
          params: { ...review, comment_id: "cm-ct-notifications", commenter_id: "u-ct-notifications-commenter" },
        },
        example: {
          review_id: review.review_id,
          comment_id: "cm-ct-notifications",
          review_author_id: review.author_id,
          commenter_id: "u-ct-notifications-commenter",
          commented_at: at,
        },
      },
    ],
  }),

  usesEvent(ReviewLiked, {
    reads: v.object({ review_id: v.string(), review_author_id: v.string(), liker_id: v.string(), like_count: v.number() }),
    interactions: [
      {
        description: "someone liked a customer's review",
        given: { name: "review has just been liked", params: { ...review, liker_id: "u-ct-notifications-fan" } },
        example: { review_id: review.review_id, review_author_id: review.author_id, liker_id: "u-ct-notifications-fan", like_count: 1, liked_at: at },
      },
    ],
  }),
]);
