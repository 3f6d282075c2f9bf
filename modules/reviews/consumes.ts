import * as v from "valibot";
import { defineConsumer, usesCall } from "../../contracts/consumer.ts";
import { HasPurchased } from "../../contracts/orders/calls.ts";
import { Authenticate } from "../../contracts/users/calls.ts";

const buyer = "u-ct-reviews-buyer";

/** Everything reviews relies on: who is writing, and whether they bought what they review. */
export const reviewsConsumes = defineConsumer("reviews", [
  usesCall(Authenticate, {
    // The author, liker or commenter: always the session's user.
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a customer's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-reviews", user_id: buyer, email_verified: true } },
        request: { token: "tok-ct-reviews" },
        respond: { reply: { user_id: buyer, session_id: "ses-ct-reviews-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-reviews-unknown" } },
        request: { token: "tok-ct-reviews-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),

  usesCall(HasPurchased, {
    reads: v.object({ purchased: v.boolean() }),
    interactions: [
      {
        description: "a buyer reviews what they bought",
        given: { name: "user bought the product", params: { order_id: "o-ct-reviews-bought", user_id: buyer, product_id: "p-ct-reviews-bought" } },
        request: { user_id: buyer, product_id: "p-ct-reviews-bought" },
        respond: { reply: { purchased: true } },
      },
      {
        description: "a customer reviews what they never bought",
        given: { name: "user has not bought the product", params: { user_id: buyer, product_id: "p-ct-reviews-unbought" } },
        request: { user_id: buyer, product_id: "p-ct-reviews-unbought" },
        respond: { reply: { purchased: false } },
      },
    ],
  }),
]);
