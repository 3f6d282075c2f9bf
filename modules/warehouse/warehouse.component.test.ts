import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommitReservation, GetAvailability, ReleaseReservation, ReserveStock } from "../../contracts/warehouse/calls.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { type Neighbour, neighbourOf } from "../../harness/stubs/neighbour.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { warehouseModule } from "./module.ts";

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };

/**
 * The warehouse alone, on its real database. It calls no other module, so no stub stands in for anyone; what
 * the unit tests do not show is its calls answered over the wire, as orders and products reach it when split.
 */
describe("warehouse as a component", () => {
  let warehouse: Component;
  let orders: Neighbour;
  const inventory = async (productId: string) => (await warehouse.client.http.get(`/api/v1/inventory/${productId}`, operator)).body;

  beforeAll(async () => {
    warehouse = await startComponent(warehouseModule);
    orders = neighbourOf(warehouse, "orders");
  });
  afterAll(async () => {
    orders.stop();
    await warehouse.stop();
  });

  it("books stock in through its operator API, then reserves, commits and releases it for orders over the wire", async () => {
    const product = `p-${crypto.randomUUID()}`;
    const [sold, dropped] = [crypto.randomUUID(), crypto.randomUUID()];
    const receipt = await warehouse.client.http.post(`/api/v1/inventory/${product}/receipts`, { quantity: 5 }, operator);
    expect([receipt.status, receipt.body]).toEqual([201, { product_id: product, on_hand: 5, reserved: 0, available: 5, version: 1 }]);

    expect(await orders.call(ReserveStock, { order_id: sold, items: [{ product_id: product, quantity: 2 }], ttl_ms: 60_000 })).toMatchObject({
      order_id: sold,
      status: "held",
    });
    await orders.call(ReserveStock, { order_id: dropped, items: [{ product_id: product, quantity: 1 }] });
    expect(await inventory(product)).toMatchObject({ on_hand: 5, reserved: 3, available: 2 });

    expect(await orders.call(CommitReservation, { order_id: sold })).toMatchObject({ status: "committed" });
    expect(await orders.call(ReleaseReservation, { order_id: dropped, reason: "payment_declined" })).toEqual({ order_id: dropped, released: true });
    expect(await inventory(product)).toMatchObject({ on_hand: 3, reserved: 0, available: 3 });
    expect(await orders.call(GetAvailability, { product_ids: [product] })).toEqual({ stock: [await inventory(product)] });
  });

  it("answers orders' refusals over the wire with their codes and details", async () => {
    const product = `p-${crypto.randomUUID()}`;
    await warehouse.client.http.post(`/api/v1/inventory/${product}/receipts`, { quantity: 1 }, operator);
    const order = crypto.randomUUID();
    await expect(orders.call(ReserveStock, { order_id: order, items: [{ product_id: product, quantity: 2 }] })).rejects.toMatchObject({
      code: "insufficient_stock",
      details: [{ product_id: product, requested: 2, available: 1 }],
    });
    await expect(orders.call(CommitReservation, { order_id: order })).rejects.toMatchObject({ code: "reservation_not_found" });
    expect(await orders.call(ReleaseReservation, { order_id: order, reason: "order_not_created" })).toEqual({ order_id: order, released: false });
    expect(await inventory(product)).toMatchObject({ on_hand: 1, reserved: 0, available: 1 });
  });
});
