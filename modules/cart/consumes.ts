import * as v from "valibot";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { OrderConfirmed } from "../../contracts/orders/events.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { Authenticate } from "../../contracts/users/calls.ts";

const shopper = "u-ct-cart-shopper";
const mug = "p-ct-cart-mug";

/** Everything the cart relies on: whose cart it is, whether a product exists, and what was bought. */
export const cartConsumes = defineConsumer("cart", [
  usesCall(Authenticate, {
    // Whose cart: the session's user, never one named in the request.
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a customer's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-cart", user_id: shopper, email_verified: true } },
        request: { token: "tok-ct-cart" },
        respond: { reply: { user_id: shopper, session_id: "ses-ct-cart-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-cart-unknown" } },
        request: { token: "tok-ct-cart-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),

  usesCall(QuoteProducts, {
    // Only which products exist; prices are checkout's business.
    reads: v.object({ products: v.array(v.object({ product_id: v.string() })) }),
    interactions: [
      {
        description: "adding a product in the catalogue",
        given: { name: "product is in the catalogue", params: { product_id: mug, price_cents: 1250, stock: 3 } },
        request: { product_ids: [mug] },
        respond: { reply: { products: [{ product_id: mug, name: "Contract mug", unit_price_cents: 1250, inventory: 3 }] } },
      },
      {
        description: "adding an unknown product",
        given: { name: "no such product", params: { product_id: "p-ct-cart-none" } },
        request: { product_ids: ["p-ct-cart-none"] },
        respond: { error: "product_not_found" },
      },
    ],
  }),

  usesEvent(OrderConfirmed, {
    // Whose cart, and how many of each product leave it.
    reads: v.object({ user_id: v.string(), items: v.array(v.object({ product_id: v.string(), quantity: v.pipe(v.number(), v.integer()) })) }),
    interactions: [
      {
        description: "a customer's order was confirmed",
        given: {
          name: "order has just been confirmed",
          params: { order_id: "o-ct-cart-bought", user_id: shopper, product_id: mug, charge_id: "ch-ct-cart" },
        },
        example: {
          order_id: "o-ct-cart-bought",
          user_id: shopper,
          items: [{ product_id: mug, quantity: 1, unit_price_cents: 1999 }],
          total_cents: 2498,
          charge_id: "ch-ct-cart",
          confirmed_at: "2025-01-01T12:00:00.000Z",
        },
      },
    ],
  }),
]);
