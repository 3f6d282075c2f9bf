import assert from "node:assert/strict";
import { CORRELATION_HEADER } from "../../../runtime/http/correlation.ts";
import type { TraceEntry } from "../../../runtime/observation/trace-entry.ts";
import { eventually } from "../../eventually.ts";
import { check, defineSuite, unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import { bearer, type Customer, newCustomer } from "../shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, settledOrder, stockOf } from "./steps.ts";

/** A verified customer with one unit of a fresh product in the cart, and that product's id. */
async function shopper(sys: SystemClient, inventory = 5): Promise<{ customer: Customer; productId: string }> {
  const productId = await newProduct(sys, { price: 7, inventory });
  const customer = await newCustomer(sys);
  await addToCart(sys, customer.token, productId, 1);
  return { customer, productId };
}

const levels = (stock: { on_hand: number; reserved: number }) => [stock.on_hand, stock.reserved];

const notificationsOf = async (sys: SystemClient, token: string, kind: string) => {
  const list = await sys.http.get(`/api/v1/notifications?kind=${kind}`, { headers: bearer(token) });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.notifications as { kind: string; data: Record<string, string> }[];
};

/**
 * Faults on purpose, each scoped to one check (`sys.withFaults`, the fault layer in every process of every
 * profile), each with the outcome the shop owes: compensation, one effect, late but once, a dead letter while
 * the queue flows. The same suite runs unchanged on every profile.
 */
export const chaosSuite = defineSuite("Chaos", [
  check("a charge refused by payments compensates: the order is cancelled with the reason, its stock released, nothing charged", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const order = await sys.withFaults("error:payments=payment_declined", async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      return settledOrder(sys, customer.token, placed.body.id);
    });
    assert.deepEqual([order.status, order.status_reason], ["cancelled", "payment_declined"]);
    assert.deepEqual(await chargesOf(sys, order.id), []);
    await sys.idle();
    assert.deepEqual(levels(await stockOf(sys, productId)), [5, 0]);
  }),

  check("every event delivered twice still has one effect: one charge, one confirmation, the stock taken once", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const order = await sys.withFaults("duplicate=1", async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      const settled = await settledOrder(sys, customer.token, placed.body.id);
      await sys.idle();
      return settled;
    });
    assert.equal(order.status, "confirmed");
    assert.deepEqual(
      (await chargesOf(sys, order.id)).map((c) => c.status),
      ["succeeded"],
    );
    const confirmations = await notificationsOf(sys, customer.token, "order_confirmed");
    assert.deepEqual(
      confirmations.map((n) => n.data.order_id),
      [order.id],
    );
    assert.deepEqual(levels(await stockOf(sys, productId)), [4, 0]);
  }),

  check("an event whose first delivery is lost arrives later, once: the customer is told of the confirmation once", async (sys) => {
    const { customer } = await shopper(sys);
    const order = await sys.withFaults("drop:order.confirmed=300", async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      const settled = await settledOrder(sys, customer.token, placed.body.id);
      await eventually(async () => assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1));
      await sys.idle();
      return settled;
    });
    assert.equal(order.status, "confirmed");
    assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1);
  }),

  check("a poison message ends as a dead letter, and the queue keeps flowing for the events after it", async (sys) => {
    const poisoned = unique("Poisoned");
    const poisonedId = await sys.withFaults("poison:product.created", async () => {
      const id = await newProduct(sys, { name: poisoned, price: 3, inventory: 1 });
      await eventually(async () => {
        const { body } = await sys.http.get("/__twofold/dead-letters");
        assert.ok(
          body.dead_letters.some((d: { envelope: { type: string; payload: { id?: string } } }) => d.envelope.type === "product.created"),
          "no dead letter for product.created",
        );
      });
      return id;
    });
    const healthy = unique("Healthy");
    const healthyId = await newProduct(sys, { name: healthy, price: 3, inventory: 1 });
    await eventually(async () => {
      const found = await sys.http.get(`/api/v1/search?q=${encodeURIComponent(healthy)}`);
      assert.deepEqual(
        found.body.results.map((r: { product_id: string }) => r.product_id),
        [healthyId],
      );
    });
    const missing = await sys.http.get(`/api/v1/search?q=${encodeURIComponent(poisoned)}`);
    assert.deepEqual([missing.status, missing.body.count, poisonedId.length > 0], [200, 0, true]);
  }),

  check("notifications stops right after telling the customer of a confirmation, before acknowledging it: told once", async (sys) => {
    const { customer } = await shopper(sys);
    const order = await sys.withFaults("crash:after-handler:notifications:order.confirmed", async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      return settledOrder(sys, customer.token, placed.body.id);
    });
    assert.equal(order.status, "confirmed");
    // The redelivery (after a real restart in split, a retry in one process) must find the inbox row.
    await sys.idle({ timeoutMs: 30_000 });
    assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1);
  }),

  check("notifications stops after writing a confirmation's notification, before committing it: nothing half-written, told once", async (sys) => {
    const { customer } = await shopper(sys);
    const correlationId = await sys.withFaults("crash:before-commit:notifications:order.confirmed", async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      await settledOrder(sys, customer.token, placed.body.id);
      // Told only by the redelivery: the first delivery's writes went down with the process, uncommitted.
      await eventually(async () => assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1), { timeoutMs: 30_000 });
      return placed.headers.get(CORRELATION_HEADER) ?? "";
    });
    await sys.idle({ timeoutMs: 30_000 });
    assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1);
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${encodeURIComponent(correlationId)}`);
    const deliveries = body.trace.filter((e) => e.kind === "delivery" && e.name === "order.confirmed" && e.to === "notifications");
    assert.ok(
      deliveries.some((d) => (d.attempt ?? 1) >= 2),
      `no second delivery: ${JSON.stringify(deliveries.map((d) => [d.attempt, d.outcome]))}`,
    );
  }),

  check("orders stops after committing a confirmation, before relaying it: the outbox still publishes it, once", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const order = await sys.withFaults("crash:before-relay:orders:order.confirmed", async () => {
      const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
      return settledOrder(sys, customer.token, placed.body.id, 30_000);
    });
    assert.equal(order.status, "confirmed");
    await eventually(async () => assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1), { timeoutMs: 30_000 });
    await sys.idle({ timeoutMs: 30_000 });
    assert.equal((await notificationsOf(sys, customer.token, "order_confirmed")).length, 1);
    const cart = await sys.http.get("/api/v1/cart", { headers: bearer(customer.token) });
    assert.deepEqual(cart.body.items, []);
    assert.deepEqual(levels(await stockOf(sys, productId)), [4, 0]);
  }),
]);
