import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { MAX_STOCK } from "../../contracts/common/quantity.ts";
import { ReceiptBody } from "../../contracts/warehouse/api.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { maximumOf } from "../../harness/contract-limits.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import type { ModuleDatabase } from "../../runtime/module-api/index.ts";
import { warehouseModule } from "./module.ts";
import { callAs, failureOf } from "./warehouse.test-support.ts";

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
const maxReceipt = maximumOf(ReceiptBody.entries.quantity);

describe("warehouse stock at the contracts' largest amounts", () => {
  let system: InProcessSystem;
  const receive = (productId: string, quantity: number) => system.client.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity }, operator);
  const stockOf = async (productId: string) => (await system.client.http.get(`/api/v1/inventory/${productId}`, operator)).body;
  const rowsOf = (productId: string) =>
    system.client.sql(
      "warehouse",
      "select on_hand, reserved, version, (select count(*) from receipts where product_id = ?) as receipts from stock where product_id = ?",
      [productId, productId],
    );

  beforeAll(async () => {
    system = await inProcess({ modules: [warehouseModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("adds receipts of the most stock each exactly", async () => {
    const productId = crypto.randomUUID();
    for (let i = 0; i < 3; i++) expect((await receive(productId, maxReceipt)).status).toBe(201);
    expect(await stockOf(productId)).toEqual({ product_id: productId, on_hand: 3 * maxReceipt, reserved: 0, available: 3 * maxReceipt, version: 3 });
    expect(await rowsOf(productId)).toEqual([{ on_hand: 3 * maxReceipt, reserved: 0, version: 3, receipts: 3 }]);
  });

  it("takes stock up to MAX_STOCK exactly and refuses a receipt past it with 422, counting nothing", async () => {
    const productId = crypto.randomUUID();
    await receive(productId, 1);
    const db = system.monolith.modules.dbs.get("warehouse") as ModuleDatabase;
    // As if millions of receipts had come before: the stock one full receipt short of the cap.
    await db.em().execute(`update "warehouse"."stock" set on_hand = ? where product_id = ?`, [MAX_STOCK - maxReceipt, productId]);

    await system.client.events.fromNow();
    const filled = await receive(productId, maxReceipt);
    expect(filled.status, JSON.stringify(filled.body)).toBe(201);
    expect(filled.body.on_hand).toBe(MAX_STOCK);
    const past = await receive(productId, 1);
    expect([past.status, past.body.error?.code], JSON.stringify(past.body)).toEqual([422, "amount_out_of_range"]);
    expect(
      (await failureOf(callAs(system, ReceiveStock, { receipt_id: crypto.randomUUID(), product_id: productId, quantity: maxReceipt }))).code,
    ).toBe("amount_out_of_range");
    expect(await rowsOf(productId)).toEqual([{ on_hand: MAX_STOCK, reserved: 0, version: 2, receipts: 2 }]);
    await system.client.idle();
    expect(
      await system.client.events.all("inventory.received", (e) => (e.payload as { stock: { product_id: string } }).stock.product_id === productId),
    ).toHaveLength(1);
  });
});
