import { afterAll, afterEach, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../contracts/catalog.ts";
import { usersModule } from "../modules/users/module.ts";
import { otlpReceiver, SPAN_KIND } from "../runtime/telemetry/otlp-receiver.test-support.ts";
import { eventually } from "./eventually.ts";
import { type InProcessSystem, inProcess } from "./in-process.ts";
import { unique } from "./suite.ts";

const users = { modules: [usersModule], calls: shopCalls, events: shopEvents };
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN = "00f067aa0ba902b7";
const sent = { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`, tracestate: "vendor=opaque" };
const register = (system: InProcessSystem, email: string) =>
  system.client.http.post("/api/v1/auth/register", { email, password: "a long password" }, { headers: sent });

describe("tracing", () => {
  let system: InProcessSystem | undefined;
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  /**
   * Decided: a process without an OTLP endpoint traces nothing and says nothing of traces. It neither answers a
   * traceparent (a response carries none, even when the request sent one) nor carries it on: no span exists
   * whose context it could name, and the bus's hot path stays free of it.
   */
  it("is off without an OTLP endpoint: no provider, and no traceparent in a response, even to a request that sent one", async () => {
    system = await inProcess(users);
    expect(system.monolith.tracing).toBeUndefined();
    expect(system.monolith.bus.tracing).toBeUndefined();
    const answer = await register(system, `${unique("untraced")}@example.com`);
    expect(answer.status).toBe(201);
    expect(answer.headers.get("traceparent")).toBeNull();
  });

  describe("with an OTLP endpoint", () => {
    const receiver = otlpReceiver();
    afterAll(() => receiver.stop());

    it("continues the client's trace: the response names its server span, which the exporter sends with the request's transaction and publish", async () => {
      system = await inProcess(users, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "20" });
      expect(system.monolith.tracing).toBeDefined();
      const answer = await register(system, `${unique("traced")}@example.com`);
      expect(answer.status).toBe(201);
      const [version, traceId, spanId, flags] = (answer.headers.get("traceparent") ?? "").split("-");
      expect({ version, traceId, flags }).toEqual({ version: "00", traceId: TRACE_ID, flags: "01" });

      const spans = await eventually(() => {
        const traced = receiver.spans.filter((s) => s.traceId === TRACE_ID);
        expect(traced.map((s) => s.name)).toContain("send user.created");
        return traced;
      });
      const server = spans.find((s) => s.spanId === spanId);
      expect(server).toMatchObject({
        service: "monolith",
        name: "POST /api/v1/auth/register",
        kind: SPAN_KIND.server,
        parentSpanId: CLIENT_SPAN,
        attributes: { "http.request.method": "POST", "http.route": "/api/v1/auth/register", "http.response.status_code": 201 },
      });
      const transaction = spans.find((s) => s.name === "transaction users" && s.parentSpanId === spanId);
      expect(transaction?.attributes).toMatchObject({ "db.system.name": "postgresql", "db.namespace": "users" });
      // The event was stamped inside the transaction, so its publish (after the commit) is the transaction's child.
      expect(spans.find((s) => s.name === "send user.created")).toMatchObject({
        kind: SPAN_KIND.producer,
        parentSpanId: transaction?.spanId,
        attributes: { "messaging.destination.name": "user.created", "messaging.operation.type": "send" },
      });
    });
  });
});
