import { describe, expect, it } from "vitest";
import { MAX_CENTS } from "../../contracts/money.ts";
import { isAppError } from "../../runtime/module-api/index.ts";
import { FREE_SHIPPING_FROM_CENTS, priceOrder } from "./pricing.ts";

const lines = [{ product_id: "p", quantity: 2, unit_price_cents: 10_000 }];

describe("order pricing", () => {
  it("adds lines in cents and the shipping cost", () => {
    expect(priceOrder([{ product_id: "w", quantity: 2, unit_price_cents: 2999 }], 0).totalCents).toBe(5998);
    expect(priceOrder(lines, 1500)).toEqual({
      subtotalCents: 20_000,
      discountCents: 0,
      shippingCents: 1500,
      totalCents: 21_500,
      discountCode: null,
      pricing: "v1",
    });
  });

  it("SAVE10 takes ten percent of the subtotal, rounded half up", () => {
    expect(priceOrder(lines, 1500, "SAVE10").discountCents).toBe(2000);
    expect(priceOrder([{ product_id: "p", quantity: 1, unit_price_cents: 1005 }], 0, "SAVE10").discountCents).toBe(101);
  });

  it("FLAT50 takes 50.00, capped at the subtotal", () => {
    expect(priceOrder(lines, 1500, "FLAT50").discountCents).toBe(5000);
    const small = priceOrder([{ product_id: "p", quantity: 1, unit_price_cents: 3000 }], 1500, "FLAT50");
    expect(small.discountCents).toBe(3000);
    expect(small.totalCents).toBe(1500);
  });

  it("FREESHIP takes off the shipping cost", () => {
    expect(priceOrder(lines, 1500, "FREESHIP")).toMatchObject({ discountCents: 1500, totalCents: 20_000 });
  });

  it("pricing v2 (the new_pricing flag) ships free from 50.00 of subtotal; v1 always charges the flat cost", () => {
    const at = (cents: number) => [{ product_id: "p", quantity: 1, unit_price_cents: cents }];
    expect(FREE_SHIPPING_FROM_CENTS).toBe(5000);
    expect(priceOrder(at(5000), 499, undefined, "v2")).toMatchObject({ shippingCents: 0, totalCents: 5000, pricing: "v2" });
    expect(priceOrder(at(4999), 499, undefined, "v2")).toMatchObject({ shippingCents: 499, totalCents: 5498, pricing: "v2" });
    expect(priceOrder(at(5000), 499)).toMatchObject({ shippingCents: 499, totalCents: 5499, pricing: "v1" });
    // The threshold reads the subtotal before discounts; FREESHIP has nothing left to take off.
    expect(priceOrder(at(6000), 499, "SAVE10", "v2")).toMatchObject({ discountCents: 600, shippingCents: 0, totalCents: 5400 });
    expect(priceOrder(at(6000), 499, "FREESHIP", "v2")).toMatchObject({ discountCents: 0, shippingCents: 0, totalCents: 6000 });
  });

  it("refuses an unknown code", () => {
    let error: unknown;
    try {
      priceOrder(lines, 1500, "INVALID");
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, "invalid_discount_code")).toBe(true);
    expect((error as Error).message).toBe("Invalid discount code");
  });

  it("prices up to MAX_CENTS and refuses a subtotal or total past it with amount_out_of_range", () => {
    const refusal = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return isAppError(error, "amount_out_of_range") ? error.details : error;
      }
      return "priced";
    };
    expect(priceOrder([{ product_id: "p", quantity: 1, unit_price_cents: MAX_CENTS - 499 }], 499).totalCents).toBe(MAX_CENTS);
    expect(refusal(() => priceOrder([{ product_id: "p", quantity: 1, unit_price_cents: MAX_CENTS - 498 }], 499))).toMatchObject({ field: "total" });
    const halves = [1, 2, 3].map((n) => ({ product_id: `p${n}`, quantity: 1, unit_price_cents: MAX_CENTS / 2 }));
    expect(refusal(() => priceOrder(halves, 0, "SAVE10"))).toMatchObject({ field: "subtotal" });
  });
});
