import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCart } from "../../contracts/cart/calls.ts";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { ReadFlag } from "../../contracts/flags/calls.ts";
import { fromCents, MAX_CENTS, toCents } from "../../contracts/money.ts";
import { type CheckoutBody, OrderItemInput, PlaceOrderBody } from "../../contracts/orders/api.ts";
import { ChargeCard } from "../../contracts/payments/calls.ts";
import { CreateProductBody } from "../../contracts/products/api.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";
import { CommitReservation, ReleaseReservation, ReserveStock } from "../../contracts/warehouse/calls.ts";
import { maximumOf, maxLengthOf } from "../../harness/contract-limits.ts";
import { eventually } from "../../harness/eventually.ts";
import { fakeModule } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { ordersModule } from "./module.ts";

// The largest of everything an order is made of, as the contracts say.
const maxPriceCents = toCents(maximumOf(CreateProductBody.entries.price));
const maxQuantity = maximumOf(OrderItemInput.entries.quantity);
const maxLines = maxLengthOf(PlaceOrderBody.entries.items);
const SHIPPING_CENTS = 499;

const carts = new Map<string, { product_id: string; quantity: number }[]>();
const reserved = new Set<string>();
const charged = new Map<string, number>();

const neighbours = [
  // Every bearer token is its user's session; every user exists.
  fakeModule("users", [
    answer(Authenticate, async ({ token }) => ({ user_id: token, session_id: `s-${token}`, email_verified: true })),
    answer(GetUser, async ({ user_id }) => ({ id: user_id, name: "Ada", email: "ada@example.com", email_verified: true, profile_complete: true })),
  ]),
  fakeModule("products", [
    answer(QuoteProducts, async ({ product_ids }) => ({
      products: product_ids.map((id) => ({ product_id: id, name: id, unit_price_cents: maxPriceCents, inventory: maxQuantity })),
    })),
  ]),
  fakeModule("cart", [answer(GetCart, async ({ user_id }) => ({ items: carts.get(user_id) ?? [], version: 1 }))]),
  fakeModule("warehouse", [
    answer(ReserveStock, async ({ order_id, items }) => {
      reserved.add(order_id);
      return { reservation_id: `r-${order_id}`, order_id, status: "held" as const, expires_at: new Date(Date.now() + 60_000).toISOString(), items };
    }),
    answer(CommitReservation, async ({ order_id }) => ({
      reservation_id: `r-${order_id}`,
      order_id,
      status: "committed" as const,
      expires_at: new Date().toISOString(),
      items: [],
    })),
    answer(ReleaseReservation, async ({ order_id }) => ({ order_id, released: true })),
  ]),
  fakeModule("payments", [
    answer(ChargeCard, async ({ order_id, amount_cents }) => {
      charged.set(order_id, amount_cents);
      return { charge_id: `c-${order_id}`, amount_cents, status: "succeeded" as const };
    }),
  ]),
  // Pricing v1 for everyone: the flat shipping cost is in every total below.
  fakeModule("flags", [answer(ReadFlag, async ({ name }) => ({ name, enabled: false, percentage: 0, users: [], version: 0 }))]),
];

/** `count` lines, each of another product at the highest price and quantity. */
const maxedLines = (count: number) => Array.from({ length: count }, () => ({ product_id: crypto.randomUUID(), quantity: maxQuantity }));

describe("orders at the contracts' largest amounts", () => {
  let system: InProcessSystem;
  const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
  const stored = (orderId: string) =>
    system.client.sql("orders", "select subtotal_cents, discount_cents, shipping_cents, total_cents from orders where id = ?", [orderId]);
  const storedLines = (orderId: string) =>
    system.client.sql("orders", "select quantity, unit_price_cents from order_items where order_id = ? order by position", [orderId]);

  beforeAll(async () => {
    system = await inProcess(
      { modules: [ordersModule, ...neighbours], calls: shopCalls, events: shopEvents },
      { TWOFOLD_SHIPPING_CENTS: String(SHIPPING_CENTS) },
    );
  });
  afterAll(async () => {
    await system.client.idle();
    await system.stop();
  });

  it("stores an operator's order exactly up to MAX_CENTS, and refuses a larger one with 422 before holding any stock", async () => {
    const fitting = Math.min(maxLines, Math.floor(MAX_CENTS / (maxPriceCents * maxQuantity)));
    for (const count of new Set([1, fitting, maxLines])) {
      const items = maxedLines(count);
      const total = count * maxPriceCents * maxQuantity;
      const reservations = reserved.size;
      const placed = await system.client.http.post("/api/v1/orders", { user_id: "u-ada", items }, operator);
      if (total > MAX_CENTS) {
        expect([placed.status, placed.body.error.code], JSON.stringify(placed.body)).toEqual([422, "amount_out_of_range"]);
        expect(reserved.size).toBe(reservations);
        continue;
      }
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      expect(await stored(placed.body.id)).toEqual([{ subtotal_cents: total, discount_cents: 0, shipping_cents: 0, total_cents: total }]);
      expect(await storedLines(placed.body.id)).toEqual(items.map(() => ({ quantity: maxQuantity, unit_price_cents: maxPriceCents })));
      const read = await system.client.http.get(`/api/v1/orders/${placed.body.id}`, operator);
      expect([read.body.total, read.body.items[0]]).toEqual([
        fromCents(total),
        {
          product_id: items[0]?.product_id,
          quantity: maxQuantity,
          unit_price: fromCents(maxPriceCents),
          line_total: fromCents(maxPriceCents * maxQuantity),
        },
      ]);
    }
    expect(maxLines * maxPriceCents * maxQuantity, "the contracts allow an order past MAX_CENTS: the 422 above was checked").toBeGreaterThan(
      MAX_CENTS,
    );
  });

  it("refuses lines of one product that add up past the most one line may hold, before holding any stock", async () => {
    const productId = crypto.randomUUID();
    const before = reserved.size;
    const placed = await system.client.http.post(
      "/api/v1/orders",
      {
        user_id: "u-ada",
        items: [
          { product_id: productId, quantity: maxQuantity },
          { product_id: productId, quantity: 1 },
        ],
      },
      operator,
    );
    expect([placed.status, placed.body.error?.code]).toEqual([422, "amount_out_of_range"]);
    expect(placed.body.error.details).toEqual({ product_id: productId, quantity: maxQuantity + 1, max_quantity: maxQuantity });
    expect(reserved.size).toBe(before);
  });

  it("checks out carts up to MAX_CENTS exactly, discount and charge included, and refuses a subtotal or total past it with 422", async () => {
    const user = `u-${crypto.randomUUID()}`;
    const line = maxPriceCents * maxQuantity;
    const checkout = (lines: number, discountCode?: string) => {
      carts.set(user, maxedLines(lines));
      return system.client.http.post(
        "/api/v1/checkout",
        {
          shipping_address: { street: "1 Road", city: "Town", postal_code: "1000", country: "US" },
          payment_token: "tok_visa",
          discount_code: discountCode,
        } satisfies CheckoutBody,
        { headers: { authorization: `Bearer ${user}`, "idempotency-key": crypto.randomUUID() } },
      );
    };
    const expectStored = async (placed: { status: number; body: { id: string } }, subtotal: number, discount: number) => {
      const total = subtotal - discount + SHIPPING_CENTS;
      expect(total).toBeLessThanOrEqual(MAX_CENTS);
      expect(placed.status, JSON.stringify(placed.body)).toBe(202);
      expect(await stored(placed.body.id)).toEqual([
        { subtotal_cents: subtotal, discount_cents: discount, shipping_cents: SHIPPING_CENTS, total_cents: total },
      ]);
      await eventually(() => expect(charged.get(placed.body.id)).toBe(total));
      return placed.body.id;
    };
    const expectRefused = (refused: { status: number; body: { error?: { code: string } } }) =>
      expect([refused.status, refused.body.error?.code], JSON.stringify(refused.body)).toEqual([422, "amount_out_of_range"]);

    // The most lines whose total, shipping included, fits; one more does not, unless SAVE10 brings it back under.
    const fitting = Math.floor((MAX_CENTS - SHIPPING_CENTS) / line);
    const accepted = [await expectStored(await checkout(fitting), fitting * line, 0)];
    expectRefused(await checkout(fitting + 1));
    const subtotal = (fitting + 1) * line;
    expect(subtotal).toBeLessThanOrEqual(MAX_CENTS);
    accepted.push(await expectStored(await checkout(fitting + 1, "SAVE10"), subtotal, Math.round(subtotal / 10)));
    expectRefused(await checkout(Math.floor(MAX_CENTS / line) + 1, "SAVE10"));
    await system.client.idle();
    expect((await system.client.sql<{ id: string }>("orders", "select id from orders where user_id = ?", [user])).map((o) => o.id).sort()).toEqual(
      accepted.sort(),
    );
  });
});
