import assert from "node:assert/strict";
import { CORRELATION_HEADER } from "../../../runtime/http/correlation.ts";
import type { TraceEntry } from "../../../runtime/observation/trace-entry.ts";
import { eventually } from "../../eventually.ts";
import { racing } from "../../racing.ts";
import { check, defineSuite, unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import { TEST_CALL_TIMEOUT_MS } from "../../test-env.ts";
import { address, bearer, type Customer, newCustomer } from "../shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, stockOf } from "./steps.ts";

/** A verified customer with one unit of a fresh product (five in stock) in the cart. */
async function shopper(sys: SystemClient): Promise<{ customer: Customer; productId: string }> {
  const productId = await newProduct(sys, { price: 7, inventory: 5 });
  const customer = await newCustomer(sys);
  await addToCart(sys, customer.token, productId, 1);
  return { customer, productId };
}

const levels = (stock: { on_hand: number; reserved: number }) => [stock.on_hand, stock.reserved];

const ordersOf = async (sys: SystemClient, token: string) => {
  const list = await sys.http.get("/api/v1/orders", { headers: bearer(token) });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.orders as { id: string; status: string; status_reason: string | null; saga_step: string | null }[];
};

/** The calls named `name` made in one conversation, answered or not. */
async function callsOf(sys: SystemClient, correlationId: string, name: string): Promise<TraceEntry[]> {
  const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${encodeURIComponent(correlationId)}`);
  return body.trace.filter((e) => e.kind === "call" && e.name === name);
}

async function settledOrderOf(sys: SystemClient, token: string, orderId: string) {
  const order = await sys.http.get(`/api/v1/orders/${orderId}`, { headers: bearer(token) });
  assert.equal(order.status, 200, JSON.stringify(order.body));
  assert.equal(order.body.saga_step, "done", `order still at saga step ${order.body.saga_step}`);
  return order.body as { id: string; status: string; status_reason: string | null };
}

/** Once idle: the order confirmed, charged once, and its one unit taken from the product's five. */
async function confirmedOnce(sys: SystemClient, order: { id: string; status: string; status_reason: string | null }, productId: string) {
  await sys.idle();
  assert.deepEqual([order.status, order.status_reason], ["confirmed", null]);
  assert.deepEqual(
    (await chargesOf(sys, order.id)).map((c) => c.status),
    ["succeeded"],
  );
  assert.deepEqual(levels(await stockOf(sys, productId)), [4, 0]);
}

/**
 * Partial failure between the shop's services, each with the outcome it owes (issue 11's chaos scenarios):
 * a race under one key, replies lost after the work was done, a partition that heals, a client that leaves
 * mid-request. Call faults apply in every profile (the fault layer), so the same checks run everywhere.
 */
export const partialFailureSuite = defineSuite("Partial failure", [
  check("ten checkouts at once under one Idempotency-Key: one order, one charge, the stock taken once", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const key = unique("same-key");
    const answers = await racing(() =>
      Promise.all(Array.from({ length: 10 }, () => checkout(sys, customer.token, { payment_token: "tok_visa" }, key))),
    );
    // Each one is the order (placed, or replayed), or told the first still runs: never a second order.
    assert.deepEqual(
      [...new Set(answers.map((a) => a.status))].filter((s) => s !== 202 && s !== 409),
      [],
    );
    const ids = new Set(answers.filter((a) => a.status === 202).map((a) => a.body.id));
    assert.equal(ids.size, 1, `orders answered: ${[...ids].join(", ")}`);
    const [orderId] = ids;
    await eventually(async () => assert.equal((await settledOrderOf(sys, customer.token, orderId)).status, "confirmed"), { timeoutMs: 15_000 });
    await sys.idle();
    assert.deepEqual(
      (await ordersOf(sys, customer.token)).map((o) => o.id),
      [orderId],
    );
    assert.deepEqual(
      (await chargesOf(sys, orderId)).map((c) => c.status),
      ["succeeded"],
    );
    assert.deepEqual(levels(await stockOf(sys, productId)), [4, 0]);
  }),

  check("the warehouse commits but its reply is lost: the saga calls again, the commit replays, the stock is taken once", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const order = await sys.withFrozenClock(async () => {
      const placed = await sys.withFaults("lose-reply:warehouse.commit", async () => {
        const answer = await checkout(sys, customer.token, { payment_token: "tok_visa" });
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        const correlationId = answer.headers.get(CORRELATION_HEADER) ?? "";
        // Committed at least twice with every reply lost: the effect happened, the saga could not know it.
        await sys.advanceUntil(async () => assert.ok((await callsOf(sys, correlationId, "warehouse.commit")).length >= 2, "not called again yet"));
        return answer;
      });
      return sys.advanceUntil(() => settledOrderOf(sys, customer.token, placed.body.id));
    });
    await confirmedOnce(sys, order, productId);
  }),

  check("payments charges but its reply is lost, and its news comes first: the order is confirmed, charged once", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const order = await sys.withFrozenClock(async () => {
      const placed = await sys.withFaults("lose-reply:payments.charge", async () => {
        const answer = await checkout(sys, customer.token, { payment_token: "tok_visa" });
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        // The clock stands still while payments charges and announces it; the saga waits on its lost reply.
        const correlationId = answer.headers.get(CORRELATION_HEADER) ?? "";
        await eventually(async () => {
          const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${encodeURIComponent(correlationId)}`);
          const told = body.trace.some((e) => e.kind === "delivery" && e.name === "payment.succeeded" && e.to === "orders" && e.outcome === "ok");
          assert.ok(told, "orders has not heard of the charge yet");
        });
        return answer;
      });
      // The call gives up on its reply, within the checkout's deadline: the saga takes the charge the news told of.
      await sys.clock({ advance_ms: TEST_CALL_TIMEOUT_MS });
      return eventually(() => settledOrderOf(sys, customer.token, placed.body.id), { timeoutMs: 15_000 });
    });
    await confirmedOnce(sys, order, productId);
  }),

  check(
    "orders and payments partitioned mid-checkout: the charge made unseen is refunded once it heals, the order cancelled with its reason",
    async (sys) => {
      const { customer, productId } = await shopper(sys);
      const order = await sys.withFrozenClock(async () => {
        // Both ways: the charge reaches payments and its reply is lost, no refund gets through, and the news of
        // the charge reaches orders only long after the saga gave up on it.
        const partition = "lose-reply:payments.charge,blackhole:payments.refund,drop:payment.succeeded=2000";
        const placed = await sys.withFaults(partition, async () => {
          const answer = await checkout(sys, customer.token, { payment_token: "tok_visa" });
          assert.equal(answer.status, 202, JSON.stringify(answer.body));
          const correlationId = answer.headers.get(CORRELATION_HEADER) ?? "";
          await sys.advanceUntil(async () => {
            const refunds = await callsOf(sys, correlationId, "payments.refund");
            assert.ok(
              refunds.some((r) => r.outcome !== "ok"),
              "no refund tried across the partition yet",
            );
          });
          return answer;
        });
        return sys.advanceUntil(async () => {
          const settled = await settledOrderOf(sys, customer.token, placed.body.id);
          const charges = await chargesOf(sys, settled.id);
          assert.deepEqual(
            charges.map((c) => c.amount_refunded_cents === c.amount_cents),
            [true],
            `charges: ${JSON.stringify(charges)}`,
          );
          return settled;
        });
      });
      await sys.idle();
      assert.deepEqual([order.status, order.status_reason], ["cancelled", "payment_timeout"]);
      assert.deepEqual(levels(await stockOf(sys, productId)), [5, 0]);
    },
  ),

  check("a customer's browser closes mid-checkout: the order resolves, and the same retry answers that one order", async (sys) => {
    const { customer, productId } = await shopper(sys);
    const key = unique("gone");
    const request = { headers: { ...bearer(customer.token), "idempotency-key": key } };
    const body = { shipping_address: address, payment_token: "tok_visa" };
    // Checkout waits on the cart for 300 ms; the client leaves after 100.
    await sys.withFaults("latency:cart=300", () =>
      racing(async () => {
        const left = await sys.http.post("/api/v1/checkout", body, { ...request, timeoutMs: 100 }).then(
          () => false,
          (error: unknown) => error instanceof Error && error.name === "TimeoutError",
        );
        assert.ok(left, "the checkout answered before the client left");
      }),
    );
    await sys.idle();
    const retried = await sys.http.post("/api/v1/checkout", body, request);
    assert.equal(retried.status, 202, JSON.stringify(retried.body));
    await eventually(async () => assert.equal((await settledOrderOf(sys, customer.token, retried.body.id)).status, "confirmed"), {
      timeoutMs: 15_000,
    });
    await sys.idle();
    assert.deepEqual(
      (await ordersOf(sys, customer.token)).map((o) => o.id),
      [retried.body.id],
    );
    assert.deepEqual(
      (await chargesOf(sys, retried.body.id)).map((c) => c.status),
      ["succeeded"],
    );
    assert.deepEqual(levels(await stockOf(sys, productId)), [4, 0]);
  }),
]);
