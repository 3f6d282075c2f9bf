import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { newCustomer, operator } from "../../harness/systems/shared/identity.ts";
import { addToCart, chargesOf, checkout, settledOrder, newProduct as shopProduct } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import type { TraceEntry } from "../observation/trace.ts";

/**
 * A dependency that stalls (seed 001's "a 10 s response", SIGSTOP: the process holds its sockets and answers
 * nothing): its callers wait no longer than a call's deadline, and once the circuit opens they fail fast,
 * without touching the network, until a probe finds the dependency back.
 */
describe("split topology with a stalled dependency", () => {
  let topology: StartedTopology;
  let sys: SystemClient;
  const newProduct = (name: string, correlationId = `stall-${name.replace(/\W/g, "-")}`) =>
    sys.http.post("/api/v1/products", { name, price: 2, inventory: 3 }, { headers: { ...operator, "x-correlation-id": correlationId } });

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      env: { TWOFOLD_CALL_TIMEOUT_MS: "800", TWOFOLD_BREAKER_FAILURES: "3", TWOFOLD_BREAKER_COOLDOWN_MS: "1500" },
    });
    sys = new SystemClient("split", topology.url);
  });
  afterAll(() => topology.stop());

  it("times out within the deadline, then answers circuit_open at once, and closes again once the warehouse is back", async () => {
    expect((await newProduct("Before")).status).toBe(201);
    const warehouse = topology.processes.pid("warehouse");
    process.kill(warehouse, "SIGSTOP");
    const answers: { status: number; code?: string; ms: number }[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const created = await newProduct(`Stalled ${i}`);
        answers.push({ status: created.status, code: created.body.error?.code, ms: created.ms });
      }
    } finally {
      process.kill(warehouse, "SIGCONT");
    }
    // Every request ended by its deadline (800 ms, plus the hops), none waited for the stalled process.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1500);
    const open = answers.filter((a) => a.code === "circuit_open");
    expect(answers.every((a) => a.code === "call_timeout" || a.code === "circuit_open")).toBe(true);
    expect(open.length).toBeGreaterThanOrEqual(2);
    // Failing fast is measured inside the caller (the trace below); from the client, through the gateway, it
    // must at least be far below the 800 ms the call would have waited.
    expect(open.every((a) => a.status === 503 && a.ms < 400)).toBe(true);
    // Once open, it stays open for the rest of the burst: no request after the first circuit_open timed out.
    const firstOpen = answers.findIndex((a) => a.code === "circuit_open");
    expect(answers.slice(firstOpen).every((a) => a.code === "circuit_open")).toBe(true);
    // The harness trace shows why: the refused call, with the circuit it met.
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=stall-Stalled-${firstOpen}`);
    const refused = body.trace.find((e) => e.kind === "call" && e.to === "warehouse");
    expect([refused?.outcome, refused?.circuit]).toEqual(["circuit_open", "open"]);
    expect(refused?.durationMs).toBeLessThan(10);

    await eventually(async () => expect((await newProduct("After")).status).toBe(201), { timeoutMs: 15_000 });
  });

  it("carries a client's deadline through the gateway into the calls the request causes: 300 ms left ends the stalled call at 300 ms, not 800", async () => {
    const warehouse = topology.processes.pid("warehouse");
    process.kill(warehouse, "SIGSTOP");
    let created: Awaited<ReturnType<typeof newProduct>>;
    try {
      created = await sys.http.post(
        "/api/v1/products",
        { name: "Hurried", price: 2, inventory: 3 },
        { headers: { ...operator, "x-twofold-time-left-ms": "300" } },
      );
    } finally {
      process.kill(warehouse, "SIGCONT");
    }
    expect([created.status, created.body.error?.code]).toEqual([504, "call_timeout"]);
    expect(created.ms).toBeGreaterThanOrEqual(290);
    expect(created.ms).toBeLessThan(700);
  });

  it("refuses a checkout at once, creating nothing, while the circuit to the warehouse is open; the orders placed before it hold no charge", async () => {
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, await shopProduct(sys, { price: 5, inventory: 50 }), 1);
    const warehouse = topology.processes.pid("warehouse");
    const placed: string[] = [];
    let refused: Awaited<ReturnType<typeof checkout>> | undefined;
    process.kill(warehouse, "SIGSTOP");
    try {
      // The sagas of these checkouts time out reserving; after three in a row the circuit opens.
      refused = await eventually(
        async () => {
          const answer = await checkout(sys, customer.token, { payment_token: "tok_visa" });
          if (answer.status === 202) placed.push(answer.body.id);
          expect(answer.status).toBe(503);
          return answer;
        },
        { timeoutMs: 15_000, intervalMs: 250 },
      );
    } finally {
      process.kill(warehouse, "SIGCONT");
    }
    expect(refused.body.error.code).toBe("circuit_open");
    expect(refused.ms).toBeLessThan(400);
    const orders = await sys.sql<{ id: string }>("orders", "select id from orders where user_id = ?", [customer.id]);
    expect(orders.map((o) => o.id).sort()).toEqual([...placed].sort());
    for (const id of placed) {
      const order = await settledOrder(sys, customer.token, id, 20_000);
      const charges = await chargesOf(sys, id);
      const held = charges.filter((c) => c.status === "succeeded" && c.amount_refunded_cents < c.amount_cents);
      expect(held.length).toBe(order.status === "confirmed" ? 1 : 0);
    }
  });
});
