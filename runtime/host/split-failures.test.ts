import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { newCustomer, operator } from "../../harness/systems/shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, settledOrder, stockOf } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import type { TraceEntry } from "../observation/trace-entry.ts";

const CALL_TIMEOUT_MS = 1500;

/** What only a split topology can do: lose a service, crash one (it is restarted), restart one, answer without one. */
describe("split topology under partial failure", () => {
  let topology: StartedTopology;
  let sys: SystemClient;
  const exits: string[] = [];
  const givenUp: string[] = [];

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      env: { TWOFOLD_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS) },
      onExit: (name) => exits.push(name),
      onCrash: (name) => givenUp.push(name),
    });
    sys = new SystemClient("split", topology.url);
  });
  afterAll(() => topology.stop());

  it("answers 503 quickly when the service a call needs is down, and recovers after a restart", async () => {
    const op = { headers: operator };
    const user = await sys.http.post("/api/v1/users", { name: "Down", email: `down-${Date.now()}@example.com` }, op);
    const product = await sys.http.post("/api/v1/products", { name: "P", price: 2, inventory: 5 }, op);
    topology.processes.kill("users");
    await eventually(async () => expect((await sys.http.get("/api/v1/users/x", op)).status).toBe(503));

    const order = await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: [{ product_id: product.body.id, quantity: 1 }] }, op);
    expect(order.status).toBe(503);
    expect(order.body.error.code).toBe("service_unavailable");
    expect(order.ms).toBeLessThan(CALL_TIMEOUT_MS);

    await topology.processes.restart("users");
    const fresh = await sys.http.post("/api/v1/users", { name: "Back", email: `back-${Date.now()}@example.com` }, op);
    expect(fresh.status).toBe(201);
  });

  it("keeps events for a subscriber that is down and delivers them when it is back", async () => {
    topology.processes.kill("notifications");
    const user = await sys.http.post("/api/v1/users", { name: "Patient", email: `patient-${Date.now()}@example.com` }, { headers: operator });
    expect(user.status).toBe(201);
    await topology.processes.restart("notifications");
    await eventually(async () => {
      const list = await sys.http.get(`/api/v1/notifications/${user.body.id}`, { headers: operator });
      expect(list.body.count).toBe(1);
    });
  });

  it("SIGKILL of orders mid-checkout: restarted, its sagas resume from the database: 0 lost, 0 doubled, 0 stuck", async () => {
    const productId = await newProduct(sys, { price: 4, inventory: 30 });
    const customers = await Promise.all(Array.from({ length: 5 }, () => newCustomer(sys)));
    for (const customer of customers) await addToCart(sys, customer.token, productId, 2);
    const placed = await Promise.all(customers.map((c) => checkout(sys, c.token, { payment_token: "tok_visa" })));
    expect(placed.map((p) => p.status)).toEqual(Array(5).fill(202));
    // Their sagas are still reserving or charging when orders dies.
    const before = topology.processes.pid("orders");
    process.kill(before, "SIGKILL");
    await eventually(() => expect(topology.processes.pid("orders")).not.toBe(before), { timeoutMs: 20_000 });

    const settled = await Promise.all(placed.map((p, i) => settledOrder(sys, customers[i]?.token ?? "", p.body.id, 30_000)));
    let confirmed = 0;
    for (const order of settled) {
      const charges = await chargesOf(sys, order.id);
      const kept = charges.filter((c) => c.status === "succeeded" && c.amount_refunded_cents < c.amount_cents);
      if (order.status === "confirmed") confirmed++;
      else expect(order.status_reason).toBeTruthy();
      expect([order.id, kept.length]).toEqual([order.id, order.status === "confirmed" ? 1 : 0]);
    }
    await eventually(async () => expect(await stockOf(sys, productId)).toMatchObject({ on_hand: 30 - 2 * confirmed, reserved: 0 }));
    expect(givenUp).toEqual([]);
  }, 90_000);

  it("restarts a service that dies unexpectedly; the others keep serving while it is down", async () => {
    const op = { headers: operator };
    const user = await sys.http.post("/api/v1/users", { name: "Crash", email: `crash-${Date.now()}@example.com` }, op);
    const before = topology.processes.pid("orders");
    process.kill(before, "SIGKILL");
    await eventually(() => expect(exits).toContain("orders"));
    expect((await sys.http.get(`/api/v1/users/${user.body.id}`, op)).status).toBe(200);
    await eventually(async () => expect((await sys.http.get(`/api/v1/orders?user_id=${user.body.id}`, op)).status).toBe(200), { timeoutMs: 20_000 });
    expect(topology.processes.pid("orders")).not.toBe(before);
    expect(givenUp).toEqual([]);
  });

  it("searches the catalogue without search while search is down, within the call's deadline and at once once its circuit is open", async () => {
    const name = `Wallaby ${Date.now()} Lamp`;
    const product = await sys.http.post("/api/v1/products", { name, price: 3, inventory: 1 }, { headers: operator });
    expect(product.status).toBe(201);
    const q = encodeURIComponent(name.toLowerCase());
    const catalogueSearch = (correlationId?: string) =>
      sys.http.get(`/api/v1/products?q=${q}`, correlationId ? { headers: { "x-correlation-id": correlationId } } : {});
    await eventually(async () => expect((await catalogueSearch()).body.matched_by).toBe("search"));

    topology.processes.kill("search");
    const answers: { status: number; matched_by?: string; ids: string[]; ms: number }[] = [];
    try {
      await eventually(async () => expect((await sys.http.get(`/api/v1/search?q=${q}`)).status).toBe(503));
      for (let i = 0; i < 8; i++) {
        const listed = await catalogueSearch(`search-down-${i}`);
        answers.push({
          status: listed.status,
          matched_by: listed.body.matched_by,
          ids: listed.body.products?.map((p: { id: string }) => p.id),
          ms: listed.ms,
        });
      }
      expect((await sys.http.get(`/api/v1/search?q=${q}`)).body.error.code).toBe("service_unavailable");
    } finally {
      await topology.processes.restart("search");
    }
    expect(answers.map(({ ms: _, ...answer }) => answer)).toEqual(Array(8).fill({ status: 200, matched_by: "catalogue", ids: [product.body.id] }));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(CALL_TIMEOUT_MS);
    // The last searches met an open circuit: the fallback answered without a call leaving products, and the
    // trace says so; refused in under 10 ms (the median, so one GC pause of a loaded machine is not the measure).
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>("/__twofold/trace?prefix=search-down-");
    const calls = body.trace.filter((e) => e.kind === "call" && e.name === "search.find" && e.correlationId.startsWith("search-down-"));
    const last = calls.find((e) => e.correlationId === "search-down-7");
    expect([last?.outcome, last?.circuit, last?.fallback]).toEqual(["circuit_open", "open", true]);
    const refused = calls.filter((e) => e.outcome === "circuit_open").map((e) => e.durationMs);
    expect(refused.sort((a, b) => a - b)[Math.floor(refused.length / 2)]).toBeLessThan(10);
    expect(answers.at(-1)?.ms).toBeLessThan(400);
  });
});
