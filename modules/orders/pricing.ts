import type * as v from "valibot";
import { fromCents, MAX_CENTS } from "../../contracts/money.ts";
import type { PricingVersion } from "../../contracts/orders/api.ts";
import { AppError } from "../../runtime/module-api/index.ts";

export interface Line {
  readonly product_id: string;
  readonly quantity: number;
  readonly unit_price_cents: number;
}

export type Pricing = v.InferOutput<typeof PricingVersion>;

export interface Totals {
  readonly subtotalCents: number;
  readonly discountCents: number;
  readonly shippingCents: number;
  readonly totalCents: number;
  readonly discountCode: string | null;
  readonly pricing: Pricing;
}

/** Pricing v2 (the `new_pricing` flag) ships free from this subtotal, in cents. */
export const FREE_SHIPPING_FROM_CENTS = 5000;

/** The shipping an order pays under each pricing rule, before any discount code. */
const shippingUnder: Record<Pricing, (subtotal: number, flat: number) => number> = {
  v1: (_subtotal, flat) => flat,
  v2: (subtotal, flat) => (subtotal >= FREE_SHIPPING_FROM_CENTS ? 0 : flat),
};

/**
 * The discount codes of seed 002, in integer cents: SAVE10 takes 10 % of the subtotal (rounded half up),
 * FLAT50 takes 50.00 but never more than the subtotal, FREESHIP takes off the shipping cost. An unknown
 * code is refused (422), not ignored.
 */
const discounts: Record<string, (subtotal: number, shipping: number) => number> = {
  SAVE10: (subtotal) => Math.floor((subtotal * 10 + 50) / 100),
  FLAT50: (subtotal) => Math.min(5000, subtotal),
  FREESHIP: (_subtotal, shipping) => shipping,
};

/** An order worth more than MAX_CENTS is refused before anything is held or stored (contracts/money.ts). */
const withinRange = (what: string, cents: number): number => {
  if (cents <= MAX_CENTS) return cents;
  throw new AppError("amount_out_of_range", `the order's ${what} would exceed ${fromCents(MAX_CENTS).toFixed(2)}`, {
    field: what,
    max: fromCents(MAX_CENTS),
  });
};

export function priceOrder(lines: readonly Line[], flatShippingCents: number, code?: string, pricing: Pricing = "v1"): Totals {
  // Each line is at most MAX_PRICE × MAX_QUANTITY, exact; a running sum past MAX_CENTS is refused before it can lose a cent.
  const subtotalCents = lines.reduce((sum, line) => withinRange("subtotal", sum + line.unit_price_cents * line.quantity), 0);
  const shippingCents = shippingUnder[pricing](subtotalCents, flatShippingCents);
  const discount = code ? discounts[code] : undefined;
  if (code && !discount) throw new AppError("invalid_discount_code", "Invalid discount code", { discount_code: code });
  const discountCents = discount ? discount(subtotalCents, shippingCents) : 0;
  return {
    subtotalCents,
    discountCents,
    shippingCents,
    totalCents: withinRange("total", subtotalCents - discountCents + shippingCents),
    discountCode: code ?? null,
    pricing,
  };
}
