import * as v from "valibot";
import { GetCart } from "../../contracts/cart/calls.ts";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { ReadFlag } from "../../contracts/flags/calls.ts";
import { FlagChanged } from "../../contracts/flags/events.ts";
import { ChargeCard, RefundCharge } from "../../contracts/payments/calls.ts";
import { PaymentSucceeded } from "../../contracts/payments/events.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";
import { CommitReservation, LONGEST_HOLD_MS, ReleaseReservation, ReserveStock } from "../../contracts/warehouse/calls.ts";

/** Whole numbers: orders keeps them in integer columns and does its money arithmetic in cents. */
const Whole = v.pipe(v.number(), v.integer());

/** A reply orders only waits for: that the call succeeded is all it uses. */
const Nothing = v.object({});

const at = "2025-01-01T12:00:00.000Z";
const buyer = "u-ct-orders-verified";
const lamp = "p-ct-orders-lamp";
/** One product the warehouse holds for several of these orders (one unit each). */
const held = "p-ct-orders-held";

const reservation = (orderId: string, productId: string, status: "held" | "committed", quantity = 1) => ({
  reservation_id: `r-${orderId}`,
  order_id: orderId,
  status,
  expires_at: at,
  items: [{ product_id: productId, quantity }],
});

/** What the saga sends for an order's one charge (its key is derived from the order). */
const charge = (orderId: string, token: string, amountCents = 3498) => ({
  idempotency_key: `order:${orderId}:charge`,
  order_id: orderId,
  user_id: buyer,
  amount_cents: amountCents,
  currency: "usd" as const,
  token,
});

/** What orders decides a flag from (runtime/flags/bucket.ts): the whole rollout. */
const RolloutRead = v.object({ name: v.string(), enabled: v.boolean(), percentage: Whole, users: v.array(v.string()), version: Whole });

/** Everything orders relies on: the buyer, prices, the cart, stock, money, late payments, and its pricing flag. */
export const ordersConsumes = defineConsumer("orders", [
  usesCall(GetUser, {
    // The operator's order only needs to know that the user exists.
    reads: Nothing,
    interactions: [
      {
        description: "the buyer of an operator's order exists",
        given: { name: "user exists", params: { user_id: "u-ct-orders-buyer" } },
        request: { user_id: "u-ct-orders-buyer" },
        respond: {
          reply: {
            id: "u-ct-orders-buyer",
            name: "Contract Customer",
            email: "u-ct-orders-buyer@contracts.example",
            email_verified: false,
            profile_complete: false,
          },
        },
      },
      {
        description: "an operator's order names an unknown user",
        given: { name: "no such user", params: { user_id: "u-ct-orders-nobody" } },
        request: { user_id: "u-ct-orders-nobody" },
        respond: { error: "user_not_found" },
      },
    ],
  }),

  usesCall(Authenticate, {
    // Whose orders to show, and whether they may check out.
    reads: v.object({ user_id: v.string(), email_verified: v.boolean() }),
    interactions: [
      {
        description: "a verified customer's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-orders-verified", user_id: buyer, email_verified: true } },
        request: { token: "tok-ct-orders-verified" },
        respond: { reply: { user_id: buyer, session_id: "ses-ct-orders-1", email_verified: true } },
      },
      {
        description: "the session of a customer who has not verified their email",
        given: {
          name: "session belongs to user",
          params: { token: "tok-ct-orders-unverified", user_id: "u-ct-orders-unverified", email_verified: false },
        },
        request: { token: "tok-ct-orders-unverified" },
        respond: { reply: { user_id: "u-ct-orders-unverified", session_id: "ses-ct-orders-2", email_verified: false } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-orders-unknown" } },
        request: { token: "tok-ct-orders-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),

  usesCall(QuoteProducts, {
    // The price of each line; the catalogue's name and stock are not used.
    reads: v.object({ products: v.array(v.object({ product_id: v.string(), unit_price_cents: Whole })) }),
    interactions: [
      {
        description: "pricing a product in the catalogue",
        given: { name: "product is in the catalogue", params: { product_id: lamp, price_cents: 2999, stock: 5 } },
        request: { product_ids: [lamp] },
        respond: { reply: { products: [{ product_id: lamp, name: "Contract lamp", unit_price_cents: 2999, inventory: 5 }] } },
      },
      {
        description: "an order names an unknown product",
        given: { name: "no such product", params: { product_id: "p-ct-orders-none" } },
        request: { product_ids: ["p-ct-orders-none"] },
        respond: { error: "product_not_found" },
      },
    ],
  }),

  usesCall(GetCart, {
    // The lines to order; the cart's version is not used.
    reads: v.object({ items: v.array(v.object({ product_id: v.string(), quantity: Whole })) }),
    interactions: [
      {
        description: "checking out a cart with a product in it",
        given: { name: "cart holds a product", params: { user_id: "u-ct-orders-cart", product_id: lamp, quantity: 2 } },
        request: { user_id: "u-ct-orders-cart" },
        respond: { reply: { items: [{ product_id: lamp, quantity: 2 }], version: 1 } },
      },
      {
        description: "checking out an empty cart",
        given: { name: "cart is empty", params: { user_id: "u-ct-orders-nocart" } },
        request: { user_id: "u-ct-orders-nocart" },
        respond: { reply: { items: [], version: 0 } },
      },
    ],
  }),

  usesCall(ReserveStock, {
    reads: Nothing,
    interactions: [
      {
        description: "reserving stock that is there",
        given: { name: "product is in stock", params: { product_id: "p-ct-orders-stocked", stock: 10 } },
        // Held as long as the warehouse allows (the saga sends no ttl and gets its default): a shorter hold expired in a
        // later check of the same run, which then saw a release it did not cause.
        request: { order_id: "o-ct-orders-reserve", items: [{ product_id: "p-ct-orders-stocked", quantity: 2 }], ttl_ms: LONGEST_HOLD_MS },
        respond: { reply: reservation("o-ct-orders-reserve", "p-ct-orders-stocked", "held", 2) },
      },
      {
        description: "reserving stock that is not there",
        given: { name: "product is out of stock", params: { product_id: "p-ct-orders-soldout" } },
        request: { order_id: "o-ct-orders-short", items: [{ product_id: "p-ct-orders-soldout", quantity: 1 }] },
        respond: { error: "insufficient_stock" },
      },
    ],
  }),

  usesCall(CommitReservation, {
    reads: Nothing,
    interactions: [
      {
        description: "committing a held reservation",
        given: { name: "order holds a reservation", params: { order_id: "o-ct-orders-commit", product_id: held } },
        request: { order_id: "o-ct-orders-commit" },
        respond: { reply: reservation("o-ct-orders-commit", held, "committed") },
      },
      {
        description: "committing after the reservation expired",
        given: { name: "order's reservation has expired", params: { order_id: "o-ct-orders-lapsed", product_id: held } },
        request: { order_id: "o-ct-orders-lapsed" },
        respond: { error: "reservation_expired" },
      },
      {
        description: "committing an order that reserved nothing",
        given: { name: "order has no reservation", params: { order_id: "o-ct-orders-unreserved" } },
        request: { order_id: "o-ct-orders-unreserved" },
        respond: { error: "reservation_not_found" },
      },
    ],
  }),

  usesCall(ReleaseReservation, {
    // Compensation: any answer lets the saga move on, a refusal included.
    reads: Nothing,
    interactions: [
      {
        description: "releasing a held reservation",
        given: { name: "order holds a reservation", params: { order_id: "o-ct-orders-release", product_id: held } },
        request: { order_id: "o-ct-orders-release", reason: "payment_declined" },
        respond: { reply: { order_id: "o-ct-orders-release", released: true } },
      },
      {
        description: "releasing what was never reserved",
        given: { name: "order has no reservation", params: { order_id: "o-ct-orders-neverheld" } },
        request: { order_id: "o-ct-orders-neverheld", reason: "order_not_created" },
        respond: { reply: { order_id: "o-ct-orders-neverheld", released: false } },
      },
      {
        description: "releasing a reservation that was already committed",
        given: { name: "order's reservation has been committed", params: { order_id: "o-ct-orders-sold", product_id: held } },
        request: { order_id: "o-ct-orders-sold", reason: "checkout_timeout" },
        respond: { error: "reservation_committed" },
      },
    ],
  }),

  usesCall(ChargeCard, {
    // The charge id, kept to refund it if the order is compensated later.
    reads: v.object({ charge_id: v.string() }),
    interactions: [
      {
        description: "charging a card the provider approves",
        given: { name: "the provider approves the card", params: { token: "tok_visa" } },
        request: charge("o-ct-orders-paid", "tok_visa"),
        respond: { reply: { charge_id: "ch-ct-orders-paid", amount_cents: 3498, status: "succeeded" } },
      },
      {
        description: "charging a card the provider declines",
        given: { name: "the provider declines the card", params: { token: "tok_chargeDeclined" } },
        request: charge("o-ct-orders-declined", "tok_chargeDeclined"),
        respond: { error: "payment_declined" },
      },
      {
        description: "the provider cannot process the charge (retried)",
        given: { name: "the provider cannot process the card", params: { token: "tok_processing_error" } },
        request: charge("o-ct-orders-glitch", "tok_processing_error"),
        respond: { error: "payment_provider_error" },
      },
      {
        description: "the order's charge key was used for another charge",
        given: {
          name: "the idempotency key was used for another charge",
          params: { idempotency_key: "order:o-ct-orders-reused:charge", order_id: "o-ct-orders-reused", user_id: buyer, amount_cents: 1000 },
        },
        request: charge("o-ct-orders-reused", "tok_visa"),
        respond: { error: "idempotency_key_reused" },
      },
      {
        description: "the first attempt under the order's charge key is still running (retried)",
        given: { name: "a charge under the idempotency key is still running", params: charge("o-ct-orders-pending", "tok_visa") },
        request: charge("o-ct-orders-pending", "tok_visa"),
        respond: { error: "idempotency_key_in_progress" },
      },
    ],
  }),

  usesCall(RefundCharge, {
    // Compensation: any answer lets the saga move on, a refusal included.
    reads: Nothing,
    interactions: [
      {
        description: "refunding a succeeded charge",
        given: {
          name: "a charge succeeded",
          params: { charge_id: "ch-ct-orders-refund", order_id: "o-ct-orders-refund", user_id: buyer, amount_cents: 3498 },
        },
        request: { charge_id: "ch-ct-orders-refund", reason: "reservation_expired" },
        respond: { reply: { refund_id: "rf-ct-orders-1", charge_id: "ch-ct-orders-refund", amount_cents: 3498 } },
      },
      {
        description: "refunding an unknown charge",
        given: { name: "no such charge", params: { charge_id: "ch-ct-orders-none" } },
        request: { charge_id: "ch-ct-orders-none", reason: "order_cancelled" },
        respond: { error: "charge_not_found" },
      },
      {
        description: "refunding a declined charge",
        given: { name: "a charge was declined", params: { charge_id: "ch-ct-orders-declined", amount_cents: 3498, decline_code: "card_declined" } },
        request: { charge_id: "ch-ct-orders-declined", reason: "payment_declined" },
        respond: { error: "charge_not_refundable" },
      },
    ],
  }),

  usesEvent(PaymentSucceeded, {
    // Which order a late charge belongs to, and the charge to refund.
    reads: v.object({ charge_id: v.string(), order_id: v.nullable(v.string()) }),
    interactions: [
      {
        description: "a checkout's charge succeeded",
        given: {
          name: "a charge succeeded",
          params: { charge_id: "ch-ct-orders-late", order_id: "o-ct-orders-late", user_id: buyer, amount_cents: 3498 },
        },
        example: { charge_id: "ch-ct-orders-late", order_id: "o-ct-orders-late", user_id: buyer, amount_cents: 3498 },
      },
      {
        description: "an operator's charge succeeded (no order)",
        given: { name: "a charge succeeded", params: { charge_id: "ch-ct-orders-operator", amount_cents: 2500 } },
        example: { charge_id: "ch-ct-orders-operator", order_id: null, user_id: null, amount_cents: 2500 },
      },
    ],
  }),

  usesCall(ReadFlag, {
    // The pricing rule of a checkout, on the first read of the flag in a process (then its copy).
    reads: RolloutRead,
    interactions: [
      {
        description: "reading the pricing flag's rollout",
        given: { name: "flag exists", params: { name: "new_pricing" } },
        request: { name: "new_pricing" },
        respond: { reply: { name: "new_pricing", enabled: false, percentage: 0, users: [], version: 0 } },
      },
    ],
  }),

  usesEvent(FlagChanged, {
    // The new rollout replaces the process's copy; when it changed is not used.
    reads: RolloutRead,
    interactions: [
      {
        description: "the operator set the pricing flag",
        given: { name: "flag has just been set", params: { name: "new_pricing" } },
        example: { name: "new_pricing", enabled: true, percentage: 50, users: ["u-ct-orders-beta"], version: 3, changed_at: at },
      },
    ],
  }),
]);
