import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { bearer, newCustomer, operator } from "../../harness/systems/shared/identity.ts";
import { addToCart, chargesOf, checkout, settledOrder, newProduct as shopProduct, stockOf } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import { DEVELOPMENT_OPERATOR_KEY, placementVariable } from "../config.ts";
import { freePort } from "../infra/ports.ts";
import { parseExposition, samplesOf, totalOf } from "../metrics/exposition.test-support.ts";
import type { TraceEntry } from "../observation/trace-entry.ts";

const COOLDOWN_MS = 60_000;
const CALL_TIMEOUT_MS = 800;
const SLOW_WAREHOUSE_MS = 5000;
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The products service on a port the test knows, to read its own /metrics (the gateway serves only its own). */
const productsPort = freePort();
const metricsOf = async (url: string) => {
  const answer = await fetch(`${url}/metrics`);
  expect(answer.status).toBe(200);
  return parseExposition(await answer.text());
};

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
      env: {
        TWOFOLD_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
        TWOFOLD_BREAKER_FAILURES: "3",
        // Long enough that no loaded machine lets it pass by itself before the test reads the open circuit: the
        // test ends the cool-down by advancing the topology's clock (the breaker reads the runtime clock).
        TWOFOLD_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
        [placementVariable("PORT", "products")]: String(productsPort),
      },
    });
    sys = new SystemClient("split", topology.url);
  });
  afterAll(() => topology.stop());
  /** Each test that opens the circuit closes it again, passing or failing, so the next starts from a closed one. */
  const closeCircuitAfterwards = () =>
    onTestFinished(async () => {
      await sys.clock({ advance_ms: COOLDOWN_MS });
      await eventually(async () => expect((await newProduct(`After ${crypto.randomUUID()}`)).status).toBe(201), { timeoutMs: 15_000 });
    });

  it("times out within the deadline, then answers circuit_open at once, and closes again once the warehouse is back", async () => {
    // A first creation may time out while the warehouse is still cold (800 ms calls): warm first.
    await eventually(async () => expect((await newProduct(`Before ${crypto.randomUUID()}`)).status).toBe(201), { timeoutMs: 15_000 });
    const warehouse = topology.processes.pid("warehouse");
    closeCircuitAfterwards();
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
    // The caller's metrics show it, read first, within the cool-down: the circuit open (2).
    const products = await metricsOf(`http://127.0.0.1:${productsPort}`);
    expect(samplesOf(products, "twofold_circuit_state", { caller: "products", callee: "warehouse" }).map((s) => s.value)).toEqual([2]);
    // Every request ended by its deadline (800 ms, plus the hops), none waited for the stalled process.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(CALL_TIMEOUT_MS + 700);
    const open = answers.filter((a) => a.code === "circuit_open");
    expect(answers.every((a) => a.code === "call_timeout" || a.code === "circuit_open")).toBe(true);
    expect(open.length).toBeGreaterThanOrEqual(2);
    // Failing fast is measured inside the caller (the trace below); from the client, through the gateway and a
    // loaded machine, it must at least be below the deadline a call to the stalled process would have waited.
    expect(open.every((a) => a.status === 503 && a.ms < CALL_TIMEOUT_MS)).toBe(true);
    // Once open, it stays open for the rest of the burst: no request after the first circuit_open timed out.
    const firstOpen = answers.findIndex((a) => a.code === "circuit_open");
    expect(answers.slice(firstOpen).every((a) => a.code === "circuit_open")).toBe(true);
    // The harness trace shows why: each refused call, with the circuit it met, answered inside the caller in
    // under 10 ms (the median: one GC pause of a loaded machine is not what is measured).
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>("/__twofold/trace?prefix=stall-Stalled-");
    const refused = body.trace.filter((e) => e.kind === "call" && e.to === "warehouse" && e.outcome === "circuit_open");
    expect(refused.map((e) => e.circuit)).toEqual(open.map(() => "open"));
    expect(median(refused.map((e) => e.durationMs))).toBeLessThan(10);
    const refusedCalls = totalOf(products, "twofold_calls_total", { caller: "products", callee: "warehouse", outcome: "circuit_open" });
    expect(refusedCalls).toBeGreaterThanOrEqual(open.length);
    // The gateway counts what it proxied under the route template the service answers on.
    const gateway = await metricsOf(topology.url);
    const proxied = { service: "gateway", method: "POST", route: "/api/v1/products" };
    expect(totalOf(gateway, "twofold_http_requests_total", { ...proxied, status: "201" })).toBeGreaterThanOrEqual(1);
    expect(totalOf(gateway, "twofold_http_requests_total", { ...proxied, status: "503" })).toBe(open.length);
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
    expect(created.ms).toBeLessThan(CALL_TIMEOUT_MS);
  });

  it("refuses a checkout at once, creating nothing, while the circuit to the warehouse is open; the orders placed before it hold no charge", async () => {
    const customer = await newCustomer(sys);
    const productId = await shopProduct(sys, { price: 5, inventory: 50 });
    await addToCart(sys, customer.token, productId, 1);
    const warehouse = topology.processes.pid("warehouse");
    const placed: string[] = [];
    let refused: Awaited<ReturnType<typeof checkout>> | undefined;
    closeCircuitAfterwards();
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
    // The placed orders' sagas need the warehouse to settle: end the cool-down now, not only after the test.
    await sys.clock({ advance_ms: COOLDOWN_MS });
    expect(refused.body.error.code).toBe("circuit_open");
    expect(refused.ms).toBeLessThan(CALL_TIMEOUT_MS);
    const orders = await sys.sql<{ id: string }>("orders", "select id from orders where user_id = ?", [customer.id]);
    expect(orders.map((o) => o.id).sort()).toEqual([...placed].sort());
    let confirmed = 0;
    for (const id of placed) {
      const order = await settledOrder(sys, customer.token, id, 20_000);
      if (order.status === "confirmed") confirmed++;
      const charges = await chargesOf(sys, id);
      const held = charges.filter((c) => c.status === "succeeded" && c.amount_refunded_cents < c.amount_cents);
      expect(held.length).toBe(order.status === "confirmed" ? 1 : 0);
    }
    // No reservation is left behind by a saga that gave up on the stalled warehouse: only confirmed orders took stock.
    await sys.idle({ timeoutMs: 20_000 });
    const stock = await stockOf(sys, productId);
    expect([stock.on_hand, stock.reserved]).toEqual([50 - confirmed, 0]);
  });

  it("keeps answering orders' other routes while 200 checkouts wait on a slow warehouse (seed 001's cascade); every order ends, none holds stock it did not take", {
    timeout: 90_000,
  }, async () => {
    const productId = await shopProduct(sys, { price: 3, inventory: 1000 });
    const customers = await Promise.all(Array.from({ length: 20 }, () => newCustomer(sys)));
    await Promise.all(customers.map((c) => addToCart(sys, c.token, productId, 1)));
    closeCircuitAfterwards();
    const probes: { status: number; ms: number; error?: unknown }[] = [];
    // Every call into the warehouse waits 5 s, past the callers' 800 ms deadline: ten checkouts per customer at once,
    // then, while their sagas wait on the warehouse, each customer reads their orders.
    const { answers, pendingAfter } = await sys.withFaults(`latency:warehouse=${SLOW_WAREHOUSE_MS}`, async () => {
      const placed = await Promise.all(
        customers.flatMap((c) => Array.from({ length: 10 }, () => checkout(sys, c.token, { payment_token: "tok_visa" }))),
      );
      for (const customer of customers) {
        const list = await sys.http.get("/api/v1/orders", { headers: bearer(customer.token) });
        probes.push({ status: list.status, ms: list.ms, ...(list.status === 200 ? {} : { error: list.body.error }) });
      }
      const [pending] = await sys.sql<{ n: number }>("orders", "select count(*)::int as n from orders where status = 'pending'");
      return { answers: placed, pendingAfter: pending?.n ?? 0 };
    });
    // The reads were made while sagas still waited on the warehouse.
    expect(pendingAfter).toBeGreaterThan(0);
    // Placed, or refused at once while the warehouse's circuit is open or its bulkhead full: never a 500, never a hang.
    const kinds = new Set(answers.map((a) => (a.status === 202 ? "202" : `${a.status} ${a.body.error?.code}`)));
    expect(kinds).toContain("202");
    expect([...kinds].filter((k) => !["202", "503 circuit_open", "503 bulkhead_full"].includes(k))).toEqual([]);
    // The orders' own reads neither waited on the warehouse nor were refused for it.
    expect(probes.filter((p) => p.status !== 200)).toEqual([]);
    expect(median(probes.map((p) => p.ms))).toBeLessThan(CALL_TIMEOUT_MS);
    expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(SLOW_WAREHOUSE_MS);
    // Once the warehouse is fast again and its circuit closed, every saga ends, and only confirmed orders took stock.
    // The calls still waiting on it run out first (800 ms): ending the cool-down under them would reopen the circuit.
    await eventually(async () => {
      const { body } = await sys.http.get<{ processes: Record<string, { calls: number }> }>("/__twofold/idle");
      expect(body.processes.orders?.calls).toBe(0);
    });
    await sys.clock({ advance_ms: COOLDOWN_MS });
    const ids = customers.map((c) => c.id);
    const statuses = await eventually(
      async () => {
        const rows = await sys.sql<{ status: string; n: number }>(
          "orders",
          `select status, count(*)::int as n from orders where user_id in (${ids.map(() => "?").join(", ")}) group by status`,
          ids,
        );
        expect(rows.find((r) => r.status === "pending")).toBeUndefined();
        return Object.fromEntries(rows.map((r) => [r.status, r.n]));
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((statuses.confirmed ?? 0) + (statuses.cancelled ?? 0)).toBe(answers.filter((a) => a.status === 202).length);
    await sys.idle({ timeoutMs: 30_000 });
    const stock = await stockOf(sys, productId);
    expect([stock.on_hand, stock.reserved]).toEqual([1000 - (statuses.confirmed ?? 0), 0]);
  });

  it("serves Bull Board at the gateway over every subscriber's queue, behind the operator key", async () => {
    const board = `${topology.url}/admin/queues`;
    for (const headers of [{}, { "x-operator-key": "wrong" }] as Record<string, string>[]) {
      const refused = await fetch(board, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("operator_key_required");
    }
    const page = await fetch(board, { headers: operator });
    expect([page.status, page.headers.get("content-type")]).toEqual([200, "text/html; charset=UTF-8"]);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/" />');
    // A browser asks for the key once (Basic auth), then sends it with every asset and API request of the page.
    const basic = { authorization: `Basic ${btoa(`operator:${DEVELOPMENT_OPERATOR_KEY}`)}` };
    const script = html.match(/src="(static\/js\/main\.[^"]+\.js)"/)?.[1];
    const asset = await fetch(`${board}/${script}`, { headers: basic });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${board}/${script}`)).status).toBe(401);

    const api = await fetch(`${board}/api/queues`, { headers: basic });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    // One queue per subscribing module, as the system describes its consumers (AsyncAPI: `<module>.consumes.<event>`).
    const { operations } = (await (await fetch(`${topology.url}/asyncapi.json`)).json()) as { operations: Record<string, unknown> };
    const consumers = new Set(Object.keys(operations).flatMap((id) => id.match(/^(\w+)\.consumes\./)?.[1] ?? []));
    expect(queues.map((q) => q.name).sort()).toEqual([...consumers].map((m) => `events-${m}`).sort());
    // Products were created above, so their events went through the search module's queue.
    expect(queues.find((q) => q.name === "events-search")?.counts.completed).toBeGreaterThan(0);
  });
});
