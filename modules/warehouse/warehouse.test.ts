import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { GetAvailability, ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { warehouseModule } from "./module.ts";
import { callAs, stockRow } from "./warehouse.test-support.ts";

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };

describe("warehouse stock and receipts", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [warehouseModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("creates the stock row on the first receipt and adds later ones, bumping the version each time", async () => {
    const productId = crypto.randomUUID();
    await system.client.events.fromNow();
    const first = await callAs(system, ReceiveStock, { receipt_id: crypto.randomUUID(), product_id: productId, quantity: 5 });
    expect(first).toEqual({ product_id: productId, on_hand: 5, reserved: 0, available: 5, version: 1 });
    const second = await callAs(system, ReceiveStock, { receipt_id: crypto.randomUUID(), product_id: productId, quantity: 3 });
    expect(second).toEqual({ product_id: productId, on_hand: 8, reserved: 0, available: 8, version: 2 });
    const event = await system.client.events.expect("inventory.received", (e) => (e.payload as { stock: { version: number } }).stock.version === 2);
    expect(event.payload).toMatchObject({ quantity: 3, stock: second });
  });

  it("counts a receipt once however often it is sent", async () => {
    const productId = crypto.randomUUID();
    const receipt = { receipt_id: crypto.randomUUID(), product_id: productId, quantity: 7 };
    await system.client.events.fromNow();
    const replies = await Promise.all([callAs(system, ReceiveStock, receipt), callAs(system, ReceiveStock, receipt)]);
    expect(await callAs(system, ReceiveStock, receipt)).toEqual(replies[0]);
    expect(replies[1]).toEqual(replies[0]);
    expect(await stockRow(system, productId)).toEqual({ on_hand: 7, reserved: 0, version: 1 });
    await system.client.idle();
    expect(
      await system.client.events.all("inventory.received", (e) => (e.payload as { receipt_id: string }).receipt_id === receipt.receipt_id),
    ).toHaveLength(1);
  });

  it("answers availability in the order asked, zeros at version 0 for a product never stocked", async () => {
    const known = crypto.randomUUID();
    await callAs(system, ReceiveStock, { receipt_id: crypto.randomUUID(), product_id: known, quantity: 4 });
    const unknown = crypto.randomUUID();
    expect(await callAs(system, GetAvailability, { product_ids: [unknown, known] })).toEqual({
      stock: [
        { product_id: unknown, on_hand: 0, reserved: 0, available: 0, version: 0 },
        { product_id: known, on_hand: 4, reserved: 0, available: 4, version: 1 },
      ],
    });
  });

  it("lets an operator book stock in and read it back", async () => {
    const productId = crypto.randomUUID();
    expect((await system.client.http.get(`/api/v1/inventory/${productId}`, operator)).body.error.code).toBe("product_not_found");
    const received = await system.client.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity: 12 }, operator);
    expect(received.status).toBe(201);
    expect(received.body).toEqual({ product_id: productId, on_hand: 12, reserved: 0, available: 12, version: 1 });
    await system.client.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity: 3 }, operator);
    const read = await system.client.http.get(`/api/v1/inventory/${productId}`, operator);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ product_id: productId, on_hand: 15, reserved: 0, available: 15, version: 2 });
  });

  it("refuses the operator API without the key and bad receipts with 400", async () => {
    const productId = crypto.randomUUID();
    expect((await system.client.http.get(`/api/v1/inventory/${productId}`)).status).toBe(401);
    expect((await system.client.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity: 1 })).status).toBe(401);
    expect(
      (await system.client.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity: 1 }, { headers: { "x-operator-key": "wrong" } })).status,
    ).toBe(401);
    for (const body of [{ quantity: 0 }, { quantity: 1.5 }, { quantity: "3" }, {}]) {
      const refused = await system.client.http.post(`/api/v1/inventory/${productId}/receipts`, body, operator);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
    }
    const malformed = await system.client.http.post(`/api/v1/inventory/${productId}/receipts`, "{", operator);
    expect(malformed.body.error.code).toBe("invalid_json");
    expect((await system.client.http.request("DELETE", `/api/v1/inventory/${productId}`, operator)).status).toBe(405);
    expect((await system.client.http.get(`/api/v1/inventory/${productId}`, operator)).status).toBe(404);
  });
});
