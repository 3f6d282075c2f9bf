import * as v from "valibot";
import { Address } from "../common/address.ts";
import { Quantity } from "../common/quantity.ts";
import { Id, Timestamp } from "../ids.ts";
import { DecimalAmount } from "../money.ts";
import { PaymentToken } from "../payments/api.ts";

export const OrderItemInput = v.object({ product_id: Id, quantity: Quantity });

/** Operator API: place an order for a user (the TestMesh flow); stock is taken at once, payment is offline. */
export const PlaceOrderBody = v.object({
  user_id: Id,
  items: v.pipe(
    v.array(OrderItemInput),
    v.minLength(1, "an order must have at least one item"),
    v.maxLength(50, "an order cannot have more than 50 items"),
  ),
});
export type PlaceOrderBody = v.InferOutput<typeof PlaceOrderBody>;

const DiscountCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.maxLength(40));

/** Customer API: check the cart out (Idempotency-Key required). Prices come from the catalogue, never from here. */
export const CheckoutBody = v.object({
  shipping_address: Address,
  payment_token: PaymentToken,
  discount_code: v.optional(DiscountCode),
});
export type CheckoutBody = v.InferOutput<typeof CheckoutBody>;

/**
 * The pricing rule an order was priced by: v1, the flat shipping cost always; v2 (the `new_pricing` flag),
 * free shipping once the subtotal reaches 50.00.
 */
export const PricingVersion = v.picklist(["v1", "v2"]);

/** A customer's look at what checking the cart out would cost now (`?discount_code=`), before any order exists. */
export const CheckoutPreviewQuery = v.object({ discount_code: v.optional(DiscountCode) });

/** What an order costs and how it was priced: a preview and the order itself say it alike. */
const Totals = {
  subtotal: DecimalAmount,
  discount: DecimalAmount,
  shipping: DecimalAmount,
  total: DecimalAmount,
  discount_code: v.nullable(v.string()),
  pricing: PricingVersion,
};

export const CheckoutPreview = v.object(Totals);
export type CheckoutPreview = v.InferOutput<typeof CheckoutPreview>;

/** Operator listing of one user's orders (`?user_id=`); a customer's listing is always their own. */
export const OrderListQuery = v.object({ user_id: v.optional(Id) });

const OrderStatus = v.picklist(["pending", "confirmed", "cancelled"]);

export const OrderView = v.object({
  id: Id,
  user_id: Id,
  items: v.array(v.object({ product_id: Id, quantity: Quantity, unit_price: DecimalAmount, line_total: DecimalAmount })),
  ...Totals,
  status: OrderStatus,
  /** Why a cancelled order was cancelled: payment_declined, insufficient_stock, payment_timeout, ... */
  status_reason: v.nullable(v.string()),
  /** Where the checkout saga is: reserving, charging, committing, confirming, done, compensating. */
  saga_step: v.nullable(v.string()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type OrderView = v.InferOutput<typeof OrderView>;

export const OrderList = v.object({ orders: v.array(OrderView) });

/** The shop's sales as the back office reads them: confirmed orders and their revenue. Synthetic transactions are never counted. */
export const OrderFigures = v.object({ confirmed_orders: v.number(), revenue: DecimalAmount });
export type OrderFigures = v.InferOutput<typeof OrderFigures>;
