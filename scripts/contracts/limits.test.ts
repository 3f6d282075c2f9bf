import { describe, expect, it } from "vitest";
import * as cartApi from "../../contracts/cart/api.ts";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { MAX_QUANTITY, MAX_STOCK } from "../../contracts/common/quantity.ts";
import type { AnySchema } from "../../contracts/define.ts";
import { fromCents, MAX_CENTS, MAX_PRICE } from "../../contracts/money.ts";
import * as ordersApi from "../../contracts/orders/api.ts";
import * as paymentsApi from "../../contracts/payments/api.ts";
import * as productsApi from "../../contracts/products/api.ts";
import * as searchApi from "../../contracts/search/api.ts";
import * as warehouseApi from "../../contracts/warehouse/api.ts";
import { fieldsOf } from "./schema-walk.ts";

/** Every schema a message or request is checked against: calls, events (past versions too) and the public API. */
const schemas: [name: string, schema: AnySchema][] = [
  ...shopCalls.flatMap((c) => [
    [`${c.name} request`, c.request] as [string, AnySchema],
    [`${c.name} reply`, c.reply] as [string, AnySchema],
    ...(c.pastReplies ?? []).map((p) => [`${c.name} reply v${p.version}`, p.schema] as [string, AnySchema]),
  ]),
  ...shopEvents.flatMap((e) => [
    [e.type, e.payload] as [string, AnySchema],
    ...(e.past ?? []).map((p) => [`${e.type} v${p.version}`, p.schema] as [string, AnySchema]),
  ]),
  ...Object.entries({ cartApi, ordersApi, paymentsApi, productsApi, searchApi, warehouseApi }).flatMap(([file, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => (value as { kind?: string }).kind === "schema")
      .map(([name, schema]) => [`${file}.${name}`, schema as AnySchema] as [string, AnySchema]),
  ),
];

const CENTS = /_cents$/;
const DECIMALS = /^(price|amount|amount_refunded|unit_price|line_total|subtotal|discount|shipping|total)$/;
const QUANTITIES = /^(quantity|inventory|on_hand|reserved|available|requested)$/;

/** The cap a field must stay under, by what its name says it holds; undefined for fields that hold no amount. */
const capOf = (field: string): number | undefined =>
  CENTS.test(field) ? MAX_CENTS : DECIMALS.test(field) ? fromCents(MAX_CENTS) : QUANTITIES.test(field) ? MAX_STOCK : undefined;

const maxValueOf = (checks: readonly string[] = []) => Math.min(...checks.flatMap((c) => /^max_value\((.+)\)$/.exec(c)?.[1] ?? []).map(Number));

describe("the one rule for amounts and quantities", () => {
  it("every money and quantity field of every contract is capped, within what reads back exactly", () => {
    const found: string[] = [];
    const uncapped: string[] = [];
    for (const [name, schema] of schemas) {
      for (const [path, field] of Object.entries(fieldsOf(schema))) {
        const cap = capOf(
          path
            .split(/[.[\]{}]+/)
            .filter(Boolean)
            .at(-1) ?? path,
        );
        if (cap === undefined || field.type !== "number") continue;
        found.push(`${name} ${path}`);
        if (!(maxValueOf(field.checks) <= cap)) uncapped.push(`${name} ${path} [${(field.checks ?? []).join(", ")}]`);
      }
    }
    expect(found.length).toBeGreaterThan(40);
    expect(uncapped).toEqual([]);
  });

  it("caps below Number.MAX_SAFE_INTEGER, and one line at the highest price and quantity stays within MAX_CENTS", () => {
    expect(MAX_CENTS).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(MAX_STOCK).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(MAX_PRICE * 100 * MAX_QUANTITY).toBeLessThanOrEqual(MAX_CENTS);
  });
});
