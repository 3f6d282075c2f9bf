import { describe, expect, it } from "vitest";
import { testEnvelope } from "../../runtime/bus/envelope.test-support.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { type FakeOptions, runInline } from "./fake-system.ts";

const envelope = (type: string, payload: Record<string, unknown>) => testEnvelope({ id: `e-${type}`, type, correlationId: "c-1", payload });

const run = (yaml: string, options: FakeOptions = {}) => runInline(yaml, options);

const created = { "POST /api/v1/users": () => ({ status: 201, body: { id: "u-1", email: "x" }, headers: { "x-correlation-id": "c-1" } }) };

describe("running a flow", () => {
  it("interpolates env, built-ins and outputs into later steps, and sends headers and JSON bodies", async () => {
    const { failure, requests } = await run(
      `flow:
  name: threads state
  env:
    EMAIL: "john-{{unique}}@example.com"
  steps:
    - id: create
      action: http_request
      config:
        method: post
        url: /api/v1/users
        headers: { Content-Type: application/json, x-operator-key: "{{operator_key}}" }
        body: { email: "\${EMAIL}", again: "{{EMAIL}}", count: 2 }
      assert:
        - status == 201
        - headers.x-correlation-id == "c-1"
      output:
        user_id: $.body.id
    - id: fetch
      action: http_request
      config: { method: GET, url: "/api/v1/users/{{user_id}}" }
`,
      { routes: { ...created, "GET /api/v1/users/u-1": () => ({ status: 200, body: {} }) } },
    );
    expect(failure).toBeUndefined();
    const [first, second] = requests;
    expect(first?.method).toBe("POST");
    expect(first?.headers["x-operator-key"]).toBe(DEVELOPMENT_OPERATOR_KEY);
    expect(first?.headers["content-type"]).toBe("application/json");
    const body = first?.body as { email: string; again: string; count: number };
    expect(body.email).toMatch(/^john-.+@example\.com$/);
    expect(body.again).toBe(body.email);
    expect(body.count).toBe(2);
    expect(second?.path).toBe("/api/v1/users/u-1");
  });

  it("fails an assertion with the file, the assertion's line, the step, the expression, actual and expected", async () => {
    const { failure } = await run(
      `flow:
  name: fails
  steps:
    - id: create_user
      action: http_request
      config: { method: POST, url: /api/v1/users }
      assert:
        - status == 201
        - body.email == "john@example.com"
`,
      { routes: created },
    );
    expect(failure?.line).toBe(9);
    expect(failure?.message).toContain(
      'test.flow.yaml:9: step "create_user": assertion failed: body.email == "john@example.com": actual "x", expected == "john@example.com"',
    );
  });

  it("reports an output that matched nothing", async () => {
    const { failure } = await run(
      `flow:
  name: output
  steps:
    - id: create
      action: http_request
      config: { method: POST, url: /api/v1/users }
      output:
        user_id: $.body.user_id
`,
      { routes: created },
    );
    expect(failure?.message).toContain('test.flow.yaml:8: step "create": output user_id: $.body.user_id matched nothing');
  });

  it("wait_until polls until every condition holds, then asserts and outputs from the last answer", async () => {
    let polls = 0;
    const { failure } = await run(
      `flow:
  name: polls
  steps:
    - id: notifications
      action: wait_until
      config:
        request: { method: GET, url: /api/v1/notifications/u-1 }
        until: [status == 200, body.count >= 2]
        interval: 10ms
      assert: [body.count == 2]
      output: { count: $.body.count }
    - id: uses_it
      action: http_request
      config: { method: GET, url: "/api/v1/notifications/u-1" }
      assert: ["body.count == {{count}}"]
`,
      { routes: { "GET /api/v1/notifications/u-1": () => ({ status: 200, body: { count: Math.min(2, Math.floor(polls++ / 2)) } }) } },
    );
    expect(failure).toBeUndefined();
    expect(polls).toBeGreaterThanOrEqual(5);
  });

  it("wait_until with settle: asks again once the system is idle, so a count right for a moment is not taken for exactly once", async () => {
    const flow = (settle: boolean) => `flow:
  name: told once
  steps:
    - id: told
      action: wait_until
      config:
        request: { method: GET, url: /api/v1/notifications }
        until: [len(body.notifications) == 1]
        interval: 10ms${settle ? "\n        settle: true" : ""}
      output: { first: "$.body.notifications[0]" }
`;
    const duplicated = () => {
      let polls = 0;
      // The first poll sees the notification; its duplicate lands while the check would already move on.
      return { "GET /api/v1/notifications": () => ({ status: 200, body: { notifications: polls++ === 0 ? ["n-1"] : ["n-1", "n-1"] } }) };
    };
    expect((await run(flow(false), { routes: duplicated() })).failure).toBeUndefined();
    const { failure, requests } = await run(flow(true), { routes: duplicated() });
    expect(failure?.message).toContain(
      'step "told": held, then no longer once the system was idle: len(body.notifications) == 1: actual 2, expected == 1',
    );
    expect(requests).toHaveLength(2);
    const steady = { "GET /api/v1/notifications": () => ({ status: 200, body: { notifications: ["n-1"] } }) };
    expect((await run(flow(true), { routes: steady })).failure).toBeUndefined();
  });

  it("wait_until gives up after its timeout naming the condition that never held", async () => {
    const { failure } = await run(
      `flow:
  name: times out
  steps:
    - id: stock
      action: wait_until
      config:
        request: { module: warehouse, query: "select 1 as available where $1 = $1", params: [x] }
        until:
          - rows[0].available == 98
        timeout: 100ms
        interval: 10ms
`,
      { sql: () => [{ available: 100 }] },
    );
    expect(failure?.line).toBe(4);
    expect(failure?.message).toContain('step "stock": not true within 100 ms: rows[0].available == 98: actual 100, expected == 98');
  });

  it("sql rewrites $n placeholders and answers rows and row_count", async () => {
    const seen: unknown[] = [];
    const { failure } = await run(
      `flow:
  name: sql
  steps:
    - id: rows
      action: sql
      config:
        module: orders
        query: "SELECT total_cents FROM orders WHERE id = $2 AND user_id = $1"
        params: [u-1, o-1]
      assert:
        - row_count == 1
        - rows[0].total_cents == 5998
`,
      {
        sql: (module, query, params) => {
          seen.push({ module, query, params });
          return [{ total_cents: 5998 }];
        },
      },
    );
    expect(failure).toBeUndefined();
    expect(seen).toEqual([{ module: "orders", query: "SELECT total_cents FROM orders WHERE id = ? AND user_id = ?", params: ["o-1", "u-1"] }]);
  });

  it("event waits for a matching event on the tap, events lists what was seen", async () => {
    const { failure } = await run(
      `flow:
  name: events
  steps:
    - id: order
      action: http_request
      config: { method: POST, url: /api/v1/orders }
      output: { order_id: $.body.id }
    - id: placed
      action: event
      config: { type: order.placed, match: { payload.order_id: "{{order_id}}" }, timeout: 1s }
      assert:
        - payload.total_cents == 5998
        - event.correlationId == "c-1"
    - id: none_confirmed
      action: events
      config: { type: order.confirmed }
      assert: [count == 0]
    - id: confirmed
      action: event
      config: { type: order.confirmed, match: { payload.order_id: "{{order_id}}" }, timeout: 50ms }
`,
      {
        routes: {
          "POST /api/v1/orders": (_, publish) => {
            publish(envelope("order.placed", { order_id: "o-2", total_cents: 1 }));
            publish(envelope("order.placed", { order_id: "o-1", total_cents: 5998 }));
            return { status: 201, body: { id: "o-1" } };
          },
        },
      },
    );
    expect(failure?.line).toBe(18);
    expect(failure?.message).toContain('step "confirmed" (event) failed: no order.confirmed event matched within 50 ms');
    expect(failure?.message).toContain('wanted {"payload.order_id":"o-1"}');
  });

  it("events counts an event delivered twice once, as at-least-once delivery may hand it to the tap", async () => {
    const { failure } = await run(
      `flow:
  name: duplicates
  steps:
    - id: order
      action: http_request
      config: { method: POST, url: /api/v1/orders }
    - id: placed_twice_counted_once
      action: events
      config: { type: order.placed }
      assert: [count == 2]
`,
      {
        routes: {
          "POST /api/v1/orders": (_, publish) => {
            const first = testEnvelope({ id: "e-1", type: "order.placed", correlationId: "c-1", payload: { order_id: "o-1" } });
            publish(first);
            publish(first);
            publish(testEnvelope({ id: "e-2", type: "order.placed", correlationId: "c-1", payload: { order_id: "o-2" } }));
            return { status: 201, body: { id: "o-1" } };
          },
        },
      },
    );
    expect(failure).toBeUndefined();
  });

  it("delay works but warns that wait_until is better", async () => {
    const { failure, warnings } = await run(
      `flow:\n  name: sleeps\n  steps:\n    - id: wait_for_notifications\n      action: delay\n      config: { duration: 5ms }\n`,
    );
    expect(failure).toBeUndefined();
    expect(warnings).toEqual(["step wait_for_notifications uses a fixed delay (5ms); prefer wait_until"]);
  });

  it("parallel runs its steps at once, each with its assertions and outputs; the step sees every result", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (status: number) => async () => {
      most = Math.max(most, ++inFlight);
      await Bun.sleep(20);
      inFlight--;
      return { status };
    };
    const { failure, requests } = await run(
      `flow:
  name: races
  steps:
    - id: race
      action: parallel
      config:
        steps:
          - id: a
            action: http_request
            config: { method: PUT, url: /a }
            output: { a_status: $.status }
          - id: b
            action: http_request
            config: { method: PUT, url: /b }
            assert: [status == 412]
      assert:
        - sorted(results[*].status) == [200, 412]
      output:
        winner: $.results[?(@.status == 200)].request.url
    - id: after
      action: http_request
      config: { method: POST, url: "/check/{{a_status}}", body: { winner: "{{winner}}" } }
`,
      { routes: { "PUT /a": slow(200), "PUT /b": slow(412), "POST /check/200": () => ({ status: 204 }) } },
    );
    expect(failure).toBeUndefined();
    expect(most).toBe(2);
    expect(requests.at(-1)?.body).toEqual({ winner: ["/a"] });
  });

  it("parallel fails with the nested step that failed", async () => {
    const { failure } = await run(
      `flow:
  name: races
  steps:
    - id: race
      action: parallel
      config:
        steps:
          - id: a
            action: http_request
            config: { method: PUT, url: /a }
            assert: [status == 200]
`,
    );
    expect(failure?.message).toContain('test.flow.yaml:11: step "a": assertion failed: status == 200: actual 404');
  });

  it("runs teardown after a failure and reports the first failure", async () => {
    const { failure, requests } = await run(
      `flow:
  name: cleans up
  steps:
    - id: create
      action: http_request
      config: { method: POST, url: /api/v1/users }
      assert: [status == 500]
  teardown:
    - id: cleanup
      action: http_request
      config: { method: DELETE, url: /api/v1/users/u-1 }
`,
      { routes: created },
    );
    expect(failure?.message).toContain('step "create": assertion failed: status == 500');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/v1/users", "DELETE /api/v1/users/u-1"]);
  });
});
