import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { bearer, newCustomer, operator } from "../../harness/systems/shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, setFlag, settledOrder, stockOf } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import type { TraceEntry } from "../observation/trace-entry.ts";

/**
 * The replicated split topology (the `split-replicated` profile's): two processes per service on one shared
 * database, the gateway and every caller sharing requests between them, a replica's loss taken by the other.
 */
describe("split topology with two replicas of every service", () => {
  let topology: StartedTopology;
  let sys: SystemClient;
  const givenUp: string[] = [];

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      // The periodic refresh of flag copies far beyond the test: only flag.changed can tell the replicas.
      env: { TWOFOLD_REPLICAS: "2", TWOFOLD_FLAG_REFRESH_MS: "3600000" },
      onCrash: (name) => givenUp.push(name),
    });
    sys = new SystemClient("split", topology.url);
  });
  afterAll(() => topology.stop());

  it("starts both replicas of every service, ready, and shares requests and calls between them", async () => {
    const { body: ready } = await sys.http.get<{ checks: Record<string, boolean> }>("/ready");
    for (const service of ["users", "orders", "warehouse", "products"]) {
      expect([ready.checks[service], ready.checks[`${service}-2`]]).toEqual([true, true]);
    }
    // A first call into a process just started may outlast its timeout on a loaded machine: each is tried until answered.
    for (let i = 0; i < 4; i++) {
      await eventually(
        async () => {
          const created = await sys.http.post(
            "/api/v1/products",
            { name: `Shared ${i}`, price: 2, inventory: 1 },
            { headers: { ...operator, "x-correlation-id": `replicas-${i}` } },
          );
          expect(created.status).toBe(201);
        },
        { timeoutMs: 30_000 },
      );
    }
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>("/__twofold/trace?prefix=replicas-");
    const served = (kind: TraceEntry["kind"], pick: (e: TraceEntry) => boolean) =>
      [...new Set(body.trace.filter((e) => e.kind === kind && pick(e)).map((e) => e.process))].sort();
    // Four creations through the gateway: both products processes answered, and both called the warehouse.
    expect(served("http", (e) => e.name.startsWith("POST /api/v1/products"))).toEqual(["gateway", "products", "products-2"]);
    expect(served("call", (e) => e.to === "warehouse")).toEqual(["products", "products-2"]);
  });

  it("SIGKILL of one orders replica mid-checkout: the other takes new requests, the killed one is restarted and resumes its sagas: 0 lost, 0 doubled, 0 stuck", async () => {
    const productId = await newProduct(sys, { price: 4, inventory: 30 });
    const customers = await Promise.all(Array.from({ length: 6 }, () => newCustomer(sys)));
    for (const customer of customers) await addToCart(sys, customer.token, productId, 2);
    const before = topology.processes.pid("orders");
    const placed = await Promise.all(customers.slice(0, 3).map((c) => checkout(sys, c.token, { payment_token: "tok_visa" })));
    process.kill(before, "SIGKILL");
    // While it is gone the gateway hands new checkouts to orders-2 (a refused connection never reached the dead
    // one); one sent on a connection the kill cut may fail with 503, and its client retries under the same key.
    const during = await Promise.all(
      customers.slice(3).map((c) => {
        const key = crypto.randomUUID();
        return eventually(
          async () => {
            const answer = await checkout(sys, c.token, { payment_token: "tok_visa" }, key);
            expect(answer.status).toBe(202);
            return answer;
          },
          { timeoutMs: 20_000, intervalMs: 200 },
        );
      }),
    );
    expect(placed.map((p) => p.status)).toEqual([202, 202, 202]);
    await eventually(() => expect(topology.processes.pid("orders")).not.toBe(before), { timeoutMs: 20_000 });
    await eventually(async () => expect((await sys.http.get<{ checks: Record<string, boolean> }>("/ready")).body.checks.orders).toBe(true), {
      timeoutMs: 30_000,
    });

    // A saga the kill interrupted may run out of time before its instance is back: cancelled with a reason, refunded.
    const orders = [...placed, ...during].map((p) => p.body.id as string);
    let confirmed = 0;
    for (const [i, id] of orders.entries()) {
      const order = await settledOrder(sys, customers[i]?.token ?? "", id, 30_000);
      const kept = (await chargesOf(sys, id)).filter((c) => c.status === "succeeded" && c.amount_refunded_cents < c.amount_cents);
      if (order.status === "confirmed") confirmed++;
      else expect(order.status_reason).toBeTruthy();
      expect([id, kept.length]).toEqual([id, order.status === "confirmed" ? 1 : 0]);
    }
    expect(confirmed).toBeGreaterThanOrEqual(3);
    await eventually(async () => expect(await stockOf(sys, productId)).toMatchObject({ on_hand: 30 - 2 * confirmed, reserved: 0 }));
    // One order per customer, however often a checkout was retried.
    const ordered = await sys.sql<{ user_id: string }>("orders", "select user_id from orders");
    for (const customer of customers) expect(ordered.filter((o) => o.user_id === customer.id)).toHaveLength(1);
    const [sagas] = await sys.sql<{ stuck: number }>("orders", "select count(*)::int as stuck from sagas where step <> 'done'");
    expect(sagas?.stuck).toBe(0);
    expect(givenUp).toEqual([]);
  }, 90_000);

  it("tells every orders replica of a flag change at once (flag.changed is a broadcast), not at the next refresh", async () => {
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, await newProduct(sys, { price: 60, inventory: 1 }), 1);
    const previews = async (tag: string) => {
      // Four in a row: the gateway hands a service's requests to its instances in turn, two each.
      const answers = [];
      for (let i = 0; i < 4; i++) {
        const headers = { ...bearer(customer.token), "x-correlation-id": `flags-${tag}-${i}` };
        answers.push((await sys.http.get<{ pricing: string }>("/api/v1/checkout/preview", { headers })).body.pricing);
      }
      const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=flags-${tag}-`);
      const served = [...new Set(body.trace.filter((e) => e.kind === "http" && e.process !== "gateway").map((e) => e.process))].sort();
      return { answers, served };
    };
    expect(await previews("off")).toEqual({ answers: ["v1", "v1", "v1", "v1"], served: ["orders", "orders-2"] });
    await setFlag(sys, "new_pricing", { enabled: true, percentage: 100, users: [] });
    try {
      await sys.idle();
      expect(await previews("on")).toEqual({ answers: ["v2", "v2", "v2", "v2"], served: ["orders", "orders-2"] });
    } finally {
      await setFlag(sys, "new_pricing", { enabled: false, percentage: 0, users: [] });
      await sys.idle();
    }
  });
});
