import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { OrderPlaced } from "../../contracts/orders/events.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { productsModule } from "./module.ts";

describe("products module on PGlite", () => {
  let system: InProcessSystem;
  const newProduct = async (inventory: number, price = 29.99) =>
    (await system.client.http.post("/api/v1/products", { name: "Widget", price, inventory })).body.id as string;
  const orderPlaced = (productId: string, quantity: number) =>
    system.monolith.bus.event("orders", OrderPlaced, {
      order_id: crypto.randomUUID(),
      user_id: "u1",
      items: [{ product_id: productId, quantity, unit_price_cents: 2999 }],
      total_cents: 2999 * quantity,
      placed_at: new Date().toISOString(),
    });
  const stockOf = async (id: string) => (await system.client.sql<{ inventory: number }>("products", "select inventory from products where id = ?", [id]))[0]?.inventory;

  beforeAll(async () => {
    system = await inProcess({ modules: [productsModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("stores money as integer cents and shows decimals", async () => {
    const id = await newProduct(3, 29.99);
    expect(await system.client.sql("products", "select price_cents from products where id = ?", [id])).toEqual([{ price_cents: 2999 }]);
    expect((await system.client.http.get(`/api/v1/products/${id}`)).body.price).toBe(29.99);
  });

  it("takes an order out of stock once, however often order.placed is delivered", async () => {
    const id = await newProduct(100);
    const event = orderPlaced(id, 2);
    await system.monolith.bus.dispatch(event);
    await system.monolith.bus.dispatch(event);
    await system.monolith.bus.dispatch(event);
    expect(await stockOf(id)).toBe(98);
  });

  it("loses no decrement when many orders arrive at once", async () => {
    const id = await newProduct(50);
    await Promise.all(Array.from({ length: 20 }, () => system.monolith.bus.dispatch(orderPlaced(id, 2))));
    expect(await stockOf(id)).toBe(10);
  });

  it("never takes stock below zero", async () => {
    const id = await newProduct(1);
    await system.monolith.bus.dispatch(orderPlaced(id, 2));
    expect(await stockOf(id)).toBe(1);
  });
});
