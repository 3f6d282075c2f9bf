import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { toCents } from "../../contracts/money.ts";
import { CreateProductBody } from "../../contracts/products/api.ts";
import { ReceiptBody } from "../../contracts/warehouse/api.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { InventoryReceived } from "../../contracts/warehouse/events.ts";
import { maximumOf } from "../../harness/contract-limits.ts";
import { fakeModule } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { productsModule } from "./module.ts";

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
const maxPrice = maximumOf(CreateProductBody.entries.price);
const maxInventory = maximumOf(CreateProductBody.entries.inventory);
const maxReceipt = maximumOf(ReceiptBody.entries.quantity);

const level = (productId: string, onHand: number, version: number) => ({
  product_id: productId,
  on_hand: onHand,
  reserved: 0,
  available: onHand,
  version,
});

/** Stands in for the warehouse: a product's first receipt is its whole stock, at version 1. */
const fakeWarehouse = fakeModule(
  "warehouse",
  [answer(ReceiveStock, async ({ product_id, quantity }) => level(product_id, quantity, 1))],
  [InventoryReceived],
);

describe("products at the contracts' largest amounts", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [productsModule, fakeWarehouse], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("stores the highest price with the most stock exactly, and follows three receipts of the most stock to their exact sum", async () => {
    const created = await system.client.http.post("/api/v1/products", { name: "Yacht", price: maxPrice, inventory: maxInventory }, operator);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ price: maxPrice, inventory: maxInventory });
    expect(await system.client.sql("products", "select price_cents, inventory from products where id = ?", [id])).toEqual([
      { price_cents: toCents(maxPrice), inventory: maxInventory },
    ]);

    let onHand = maxInventory;
    for (let version = 2; version <= 4; version++) {
      onHand += maxReceipt;
      const received = system.monolith.bus.event("warehouse", InventoryReceived, {
        receipt_id: crypto.randomUUID(),
        quantity: maxReceipt,
        stock: level(id, onHand, version),
      });
      await system.monolith.bus.dispatch(received);
    }
    await system.client.idle();
    expect((await system.client.http.get(`/api/v1/products/${id}`)).body).toMatchObject({
      price: maxPrice,
      inventory: maxInventory + 3 * maxReceipt,
    });
    expect(await system.client.sql("products", "select inventory, stock_version from products where id = ?", [id])).toEqual([
      { inventory: maxInventory + 3 * maxReceipt, stock_version: 4 },
    ]);
  });
});
