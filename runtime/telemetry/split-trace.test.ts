import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import type { HttpResult } from "../../harness/system/http.ts";
import { address, bearer, newCustomer, operator } from "../../harness/systems/shared/identity.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import { CORRELATION_HEADER } from "../http/correlation.ts";
import { otlpReceiver, type ReceivedSpan, SPAN_KIND } from "./otlp-receiver.test-support.ts";

const TRACE_ID = crypto.randomUUID().replace(/-/g, "");
const CLIENT_SPAN = TRACE_ID.slice(0, 16);
const traceparent = `00-${TRACE_ID}-${CLIENT_SPAN}-01`;

/**
 * A checkout through the split topology, sent with a W3C traceparent, exported by every process to an OTLP
 * receiver in this test: one trace, under the client's trace id, whose every span's parent is in it (or is
 * the client's span), from the gateway through orders' saga, payments and warehouse, to notifications
 * handling the confirmation that travelled through the outbox and BullMQ.
 */
describe("one trace of a split checkout", () => {
  const receiver = otlpReceiver();
  let topology: StartedTopology;
  let sys: SystemClient;
  let answer: HttpResult;
  let trace: ReceivedSpan[] = [];
  const correlationId = `traced-${crypto.randomUUID()}`;

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100", LOG_LEVEL: "info", LOG_FORMAT: "json" },
    });
    sys = new SystemClient("split", topology.url);
    const product = await sys.http.post("/api/v1/products", { name: "Lamp", description: "", price: 12.5, inventory: 3 }, { headers: operator });
    expect(product.status).toBe(201);
    const customer = await newCustomer(sys);
    const session = bearer(customer.token);
    expect((await sys.http.post("/api/v1/cart/items", { product_id: product.body.id, quantity: 1 }, { headers: session })).status).toBe(200);
    answer = await sys.http.post(
      "/api/v1/checkout",
      { shipping_address: address, payment_token: "tok_visa" },
      { headers: { ...session, "idempotency-key": crypto.randomUUID(), traceparent, [CORRELATION_HEADER]: correlationId } },
    );
    expect(answer.status).toBe(202);
    await eventually(
      async () => expect((await sys.http.get(`/api/v1/orders/${answer.body.id}`, { headers: session })).body.status).toBe("confirmed"),
      {
        timeoutMs: 30_000,
      },
    );
    // Every process exports on its own batch: wait until the trace holds the confirmation's delivery and is whole.
    trace = await eventually(
      () => {
        const spans = receiver.spans.filter((s) => s.traceId === TRACE_ID);
        expect(spans).toContainEqual(expect.objectContaining({ service: "notifications", name: "process order.confirmed" }));
        expect(dangling(spans)).toEqual([]);
        return spans;
      },
      { timeoutMs: 20_000 },
    );
  }, 120_000);
  afterAll(async () => {
    await topology?.stop();
    receiver.stop();
  });

  it("answers the checkout under the client's trace id, with the gateway's server span", () => {
    const [, traceId, spanId] = (answer.headers.get("traceparent") ?? "").split("-");
    expect(traceId).toBe(TRACE_ID);
    expect(trace.find((s) => s.spanId === spanId)).toMatchObject({ service: "gateway", kind: SPAN_KIND.server, parentSpanId: CLIENT_SPAN });
  });

  it("is one connected trace: a single root, the client's child, and every other span's parent in the trace", () => {
    expect(trace.filter((s) => s.parentSpanId === CLIENT_SPAN).map((s) => s.name)).toEqual(["POST /api/v1/checkout"]);
    expect(dangling(trace)).toEqual([]);
  });

  it("covers gateway → orders → payments and warehouse → a BullMQ publish and delivery → notifications", () => {
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const parentOf = (span: ReceivedSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const one = (service: string, name: string, kind: number) => {
      const span = trace.find((s) => s.service === service && s.name === name && s.kind === kind);
      expect(span, `${service}: ${name}`).toBeDefined();
      return span as ReceivedSpan;
    };
    const hop = one("gateway", "POST", SPAN_KIND.client);
    expect(parentOf(hop)?.name).toBe("POST /api/v1/checkout");
    expect(parentOf(one("orders", "POST /api/v1/checkout", SPAN_KIND.server))).toBe(hop);
    for (const [service, call] of [
      ["warehouse", "warehouse.reserve"],
      ["payments", "payments.charge"],
    ] as const) {
      const answered = one(service, call, SPAN_KIND.server);
      expect(parentOf(answered)).toMatchObject({ service: "orders", name: call, kind: SPAN_KIND.client });
      expect(trace).toContainEqual(expect.objectContaining({ service, name: `transaction ${service}`, parentSpanId: answered.spanId }));
    }
    const delivery = one("notifications", "process order.confirmed", SPAN_KIND.consumer);
    const publish = parentOf(delivery);
    expect(publish).toMatchObject({
      service: "orders",
      name: "send order.confirmed",
      kind: SPAN_KIND.producer,
      attributes: { "messaging.system": "bullmq" },
    });
    expect(parentOf(publish as ReceivedSpan)).toMatchObject({ service: "orders", name: "transaction orders" });
    expect(delivery.attributes).toMatchObject({ "messaging.system": "bullmq", "messaging.consumer.group.name": "notifications" });
  });

  it("logs the request's lines under the trace's id", () => {
    const records = readFileSync(topology.logFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const access = records.filter((r) => r.correlation_id === correlationId && r.path === "/api/v1/checkout");
    expect(access.map((r) => r.service).sort()).toEqual(["gateway", "orders"]);
    for (const line of access) expect(line.trace_id).toBe(TRACE_ID);
  });
});

/** Spans whose parent is neither the client's span nor in the trace. */
function dangling(spans: readonly ReceivedSpan[]): string[] {
  const ids = new Set(spans.map((s) => s.spanId));
  return spans.filter((s) => s.parentSpanId !== CLIENT_SPAN && !(s.parentSpanId && ids.has(s.parentSpanId))).map((s) => `${s.service}: ${s.name}`);
}
