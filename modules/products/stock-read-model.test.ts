import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import type { EventContract, EventPayload } from "../../contracts/define.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { InventoryCommitted, InventoryReceived, InventoryReleased, InventoryReserved } from "../../contracts/warehouse/events.ts";
import { fakeModule } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { productsModule } from "./module.ts";

/** Stands in for the warehouse: every product starts with the stock it was created with, at version 1. */
const fakeWarehouse = fakeModule(
  "warehouse",
  [answer(ReceiveStock, async ({ product_id, quantity }) => ({ product_id, on_hand: quantity, reserved: 0, available: quantity, version: 1 }))],
  [InventoryReceived, InventoryReserved, InventoryCommitted, InventoryReleased],
);

const level = (productId: string, onHand: number, reserved: number, version: number) => ({
  product_id: productId,
  on_hand: onHand,
  reserved,
  available: onHand - reserved,
  version,
});

describe("products' read model of warehouse stock", () => {
  let system: InProcessSystem;
  const publish = async <E extends EventContract>(contract: E, payload: EventPayload<E>) => {
    const envelope = system.monolith.bus.event("warehouse", contract, payload);
    await system.monolith.bus.dispatch(envelope);
    return envelope;
  };
  const reservation = (stock: ReturnType<typeof level>[]) => ({
    order_id: crypto.randomUUID(),
    reservation_id: crypto.randomUUID(),
    items: stock.map((s) => ({ product_id: s.product_id, quantity: 1 })),
    expires_at: new Date().toISOString(),
    stock,
  });
  const inventoryOf = async (id: string) => (await system.client.http.get(`/api/v1/products/${id}`)).body.inventory as number;
  const newProduct = async (inventory: number) =>
    (
      await system.client.http.post(
        "/api/v1/products",
        { name: "Mug", price: 8, inventory },
        { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } },
      )
    ).body.id as string;

  beforeAll(async () => {
    system = await inProcess({ modules: [productsModule, fakeWarehouse], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("follows reservations, commits, releases and receipts", async () => {
    const id = await newProduct(10);
    expect(await inventoryOf(id)).toBe(10);
    await publish(InventoryReserved, reservation([level(id, 10, 3, 2)]));
    await system.client.idle();
    expect(await inventoryOf(id)).toBe(7);
    await publish(InventoryCommitted, { ...reservation([level(id, 7, 0, 3)]) });
    await publish(InventoryReleased, { ...reservation([level(id, 7, 0, 3)]), reason: "expired" });
    await publish(InventoryReceived, { receipt_id: crypto.randomUUID(), quantity: 5, stock: level(id, 12, 0, 4) });
    await system.client.idle();
    expect(await inventoryOf(id)).toBe(12);
  });

  it("ignores news older than what it has, and the same event delivered twice", async () => {
    const id = await newProduct(10);
    const newest = await publish(InventoryReserved, reservation([level(id, 10, 4, 3)]));
    await publish(InventoryReserved, reservation([level(id, 10, 2, 2)]));
    await publish(InventoryReceived, { receipt_id: crypto.randomUUID(), quantity: 10, stock: level(id, 10, 0, 1) });
    await system.client.idle();
    expect(await inventoryOf(id)).toBe(6);
    await publish(InventoryReleased, { ...reservation([level(id, 10, 0, 4)]), reason: "payment_failed" });
    await system.client.idle();
    expect(await inventoryOf(id)).toBe(10);
    await system.monolith.bus.dispatch(newest);
    await system.client.idle();
    expect(await inventoryOf(id)).toBe(10);
    expect(await system.client.sql("products", "select stock_version from products where id = ?", [id])).toEqual([{ stock_version: 4 }]);
  });

  it("skips products it does not know and still applies the rest of the event", async () => {
    const id = await newProduct(5);
    await publish(InventoryReserved, reservation([level(crypto.randomUUID(), 9, 1, 2), level(id, 5, 5, 2)]));
    await system.client.idle();
    expect(await inventoryOf(id)).toBe(0);
  });
});
