import { fromCents, MAX_CENTS } from "../../contracts/money.ts";
import { AppError } from "../../runtime/module-api/index.ts";

export interface Line {
  readonly product_id: string;
  readonly quantity: number;
  readonly unit_price_cents: number;
}

export interface Totals {
  readonly subtotalCents: number;
  readonly discountCents: number;
  readonly shippingCents: number;
  readonly totalCents: number;
  readonly discountCode: string | null;
}

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

export function priceOrder(lines: readonly Line[], shippingCents: number, code?: string): Totals {
  // Each line is at most MAX_PRICE × MAX_QUANTITY, exact; a running sum past MAX_CENTS is refused before it can lose a cent.
  const subtotalCents = lines.reduce((sum, line) => withinRange("subtotal", sum + line.unit_price_cents * line.quantity), 0);
  const discount = code ? discounts[code] : undefined;
  if (code && !discount) throw new AppError("invalid_discount_code", "Invalid discount code", { discount_code: code });
  const discountCents = discount ? discount(subtotalCents, shippingCents) : 0;
  return {
    subtotalCents,
    discountCents,
    shippingCents,
    totalCents: withinRange("total", subtotalCents - discountCents + shippingCents),
    discountCode: code ?? null,
  };
}
