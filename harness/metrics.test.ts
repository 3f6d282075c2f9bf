import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shop } from "../modules/shop.ts";
import { parseExposition, type ScrapedSample, samplesOf, totalOf } from "../runtime/metrics/exposition.test-support.ts";
import { eventually } from "./eventually.ts";
import { type InProcessSystem, inProcess } from "./in-process.ts";
import { newCustomer, operator } from "./systems/shared/identity.ts";
import { addToCart, checkout, newProduct, settledOrder } from "./systems/shop/steps.ts";

/** A monolith after one checkout, scraped as Prometheus would: the request, the calls, deliveries, sagas and circuits it caused. */
describe("/metrics of a monolith", () => {
  let system: InProcessSystem;
  let orderId: string;
  const scrape = async (): Promise<ScrapedSample[]> => {
    const answer = await system.client.http.get<string>("/metrics");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(answer.body);
  };

  beforeAll(async () => {
    system = await inProcess(shop);
    const sys = system.client;
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, await newProduct(sys, { price: 4, inventory: 5 }), 2);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    orderId = placed.body.id;
    expect((await settledOrder(sys, customer.token, orderId)).status).toBe("confirmed");
    await sys.idle();
  });
  afterAll(() => system.stop());

  it("counts and times requests by route template, method and status, never by a path with ids, and not its own scrapes", async () => {
    await system.client.http.get("/health");
    await system.client.http.get("/ready");
    await scrape();
    const samples = await scrape();
    const checkouts = { method: "POST", route: "/api/v1/checkout", status: "202", service: "monolith" };
    expect(totalOf(samples, "twofold_http_requests_total", checkouts)).toBe(1);
    expect(totalOf(samples, "twofold_http_request_duration_seconds_count", checkouts)).toBe(1);
    expect(totalOf(samples, "twofold_http_requests_total", { method: "GET", route: "/api/v1/orders/:id", status: "200" })).toBeGreaterThanOrEqual(1);
    const routes = new Set(samplesOf(samples, "twofold_http_requests_total").map((s) => s.labels.route));
    expect([...routes].filter((route) => route?.includes(orderId) || /^\/(metrics|health|ready)$/.test(route ?? ""))).toEqual([]);
  });

  it("counts each call by caller → callee and outcome, each delivery by subscriber and event, and reads sagas per step", async () => {
    const samples = await scrape();
    for (const call of ["warehouse.reserve", "warehouse.commit"]) {
      expect(totalOf(samples, "twofold_calls_total", { caller: "orders", callee: "warehouse", call, outcome: "ok" }), call).toBe(1);
    }
    expect(totalOf(samples, "twofold_calls_total", { caller: "orders", callee: "payments", call: "payments.charge", outcome: "ok" })).toBe(1);
    expect(totalOf(samples, "twofold_call_duration_seconds_count", { caller: "orders", callee: "payments" })).toBe(1);
    const confirmed = { subscriber: "notifications", event: "order.confirmed", outcome: "ok" };
    expect(totalOf(samples, "twofold_deliveries_total", confirmed)).toBe(1);
    expect(totalOf(samples, "twofold_events_published_total", { publisher: "orders", event: "order.confirmed" })).toBe(1);
    expect(totalOf(samples, "twofold_orders_sagas", { step: "done" })).toBe(1);
    expect(samplesOf(samples, "twofold_orders_sagas").filter((s) => s.labels.step !== "done" && s.value > 0)).toEqual([]);
  });

  it("shows each caller's circuit and bulkhead, and an idle process's queues and outboxes as empty", async () => {
    const samples = await scrape();
    expect(samplesOf(samples, "twofold_circuit_state", { caller: "orders", callee: "warehouse" }).map((s) => s.value)).toEqual([0]);
    expect(samplesOf(samples, "twofold_bulkhead_in_flight", { callee: "warehouse" }).map((s) => s.value)).toEqual([0]);
    expect(totalOf(samples, "twofold_bulkhead_capacity", { callee: "warehouse" })).toBeGreaterThan(0);
    expect(samplesOf(samples, "twofold_events_pending").map((s) => s.value)).toEqual([0]);
    expect(samplesOf(samples, "twofold_dead_letters")).toEqual([]);
    const outboxes = samplesOf(samples, "twofold_outbox_pending");
    expect(outboxes.map((s) => s.labels.module).sort()).toEqual(shop.modules.map((m) => m.name).sort());
    expect(outboxes.every((s) => s.value === 0)).toBe(true);
    expect(totalOf(samples, "twofold_metric_read_failures_total")).toBe(0);
    expect(totalOf(samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
  });

  it("has no queue dashboard: /admin/queues is a 404 in the error envelope saying why", async () => {
    const answer = await system.client.http.get("/admin/queues", { headers: operator });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: "not_found", message: expect.stringMatching(/no queues/) });
  });

  // Last: it stops the relays.
  it("shows an event the relay has not handed on as outbox lag: how many, and how long the oldest has waited", async () => {
    await system.monolith.modules.stopRelays();
    const registered = await system.client.http.post("/api/v1/users", { name: "Lag", email: `lag-${Date.now()}@example.com` }, { headers: operator });
    expect(registered.status).toBe(201);
    await eventually(async () => {
      const samples = await scrape();
      expect(totalOf(samples, "twofold_outbox_pending", { module: "users" })).toBe(1);
      expect(totalOf(samples, "twofold_outbox_oldest_age_seconds", { module: "users" })).toBeGreaterThan(0);
    });
  });
});
