import assert from "node:assert/strict";
import { eventually } from "../eventually.ts";
import { check, defineSuite, unique } from "../suite.ts";
import { operator } from "./shop.ts";

/** Seed 003's "E2E Order Creation Flow", adapted to this API: every step asserted, no fixed delays. */
export const orderFlowSuite = defineSuite("E2E Order Creation Flow", [
  check("user, product and order flow through every module", async (sys) => {
    await sys.events.fromNow();
    const email = `${unique("john")}@example.com`;

    const user = await sys.http.post("/api/v1/users", { name: "John Doe", email }, { headers: operator });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    assert.ok(user.body.id, "the new user has an id");
    assert.equal(user.body.email, email);
    const userId: string = user.body.id;

    const created = await sys.events.expect("user.created", (e) => (e.payload as { user_id: string }).user_id === userId);
    assert.equal((created.payload as { email: string }).email, email);

    const [stored] = await sys.sql("users", "select * from users where id = ?", [userId]);
    assert.equal(stored?.email, email, "the user is persisted in the users schema");

    const product = await sys.http.post("/api/v1/products", { name: "Test Widget", description: "A test product", price: 29.99, inventory: 100 }, { headers: operator });
    assert.equal(product.status, 201, JSON.stringify(product.body));
    assert.equal(product.body.inventory, 100);
    const productId: string = product.body.id;

    const order = await sys.http.post("/api/v1/orders", { user_id: userId, items: [{ product_id: productId, quantity: 2 }] }, { headers: operator });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.body.total, 59.98);
    assert.equal(order.body.items.length, 1);
    assert.equal(order.body.status, "pending");
    assert.deepEqual(order.body.items[0], { product_id: productId, quantity: 2, unit_price: 29.99, line_total: 59.98 });
    const orderId: string = order.body.id;

    const placed = await sys.events.expect("order.placed", (e) => (e.payload as { order_id: string }).order_id === orderId);
    assert.equal((placed.payload as { total_cents: number }).total_cents, 5998);
    assert.equal(placed.correlationId, order.headers.get("x-correlation-id"), "the event belongs to the request's conversation");

    const rows = await sys.sql("orders", "select total_cents, status from orders where id = ?", [orderId]);
    assert.deepEqual(rows, [{ total_cents: 5998, status: "pending" }]);
    const items = await sys.sql("orders", "select product_id, quantity from order_items where order_id = ?", [orderId]);
    assert.deepEqual(items, [{ product_id: productId, quantity: 2 }]);

    await eventually(async () => {
      const notes = await sys.http.get(`/api/v1/notifications/${userId}`, { headers: operator });
      assert.equal(notes.status, 200);
      assert.ok(notes.body.count >= 2, `expected ≥ 2 notifications, got ${notes.body.count}`);
      assert.deepEqual(notes.body.notifications.map((n: { kind: string }) => n.kind).sort(), ["order_placed", "welcome"]);
    });

    await eventually(async () => {
      const [stock] = await sys.sql("warehouse", "select (on_hand - reserved)::int as available from stock where product_id = ?", [productId]);
      assert.equal(stock?.available, 98, "the warehouse took the stock");
    });
    await eventually(async () => {
      const after = await sys.http.get(`/api/v1/products/${productId}`);
      assert.equal(after.body.inventory, 98, "the catalogue shows it (eventually consistent)");
    });
  }),

  check("insufficient inventory: 409, no order, no event", async (sys) => {
    await sys.events.fromNow();
    const user = await sys.http.post("/api/v1/users", { name: "Jane Doe", email: `${unique("jane")}@example.com` }, { headers: operator });
    const product = await sys.http.post("/api/v1/products", { name: "Rare Widget", price: 5, inventory: 1 }, { headers: operator });
    const order = await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: [{ product_id: product.body.id, quantity: 2 }] }, { headers: operator });
    assert.equal(order.status, 409, JSON.stringify(order.body));
    assert.equal(order.body.error.code, "insufficient_inventory");
    assert.deepEqual(order.body.error.details, [{ product_id: product.body.id, requested: 2, available: 1 }]);

    await sys.idle();
    assert.deepEqual(await sys.sql("orders", "select id from orders where user_id = ?", [user.body.id]), []);
    assert.deepEqual(await sys.events.all("order.placed", (e) => (e.payload as { user_id: string }).user_id === user.body.id), []);
    assert.equal((await sys.http.get(`/api/v1/products/${product.body.id}`)).body.inventory, 1);
    const [stock] = await sys.sql("warehouse", "select on_hand::int as on_hand, reserved::int as reserved from stock where product_id = ?", [product.body.id]);
    assert.deepEqual(stock, { on_hand: 1, reserved: 0 });
  }),
]);
