import { describe, expect, it } from "vitest";
import { testEnvelope } from "../../runtime/bus/envelope.test-support.ts";
import { FlowError } from "./errors.ts";
import { type FakeOptions, runInline } from "./fake-system.ts";
import { parseFlows } from "./load-flow.ts";
import { parseMapping } from "./load-mapping.ts";

let sequence = 0;
const envelope = (type: string, payload: Record<string, unknown>) =>
  testEnvelope({ id: `e-${++sequence}`, type, occurredAt: "2026-01-01T00:00:00.000Z", correlationId: "c-1", source: "users", payload });

const mapping = parseMapping(
  `topics:
  user.created: { type: user.created, key: payload.user_id }
schemas:
  user_service: users
  order_service: orders
tables:
  order_service.orders:
    columns:
      total: "(total_cents / 100.0)::float8"
`,
  "test.mapping.yaml",
);

/** Runs a flow written inline against a fake system; answers the failure, if any, the warnings and the requests. */
const run = (steps: string, options: FakeOptions = {}) => runInline(`flow:\n  name: test\n  steps:\n${steps}`, options, mapping);

/** POST /users publishes two user.created events (u-1, then u-2) and one user.deleted. */
const users: FakeOptions = {
  routes: {
    "POST /users": (_, publish) => {
      publish(envelope("user.created", { user_id: "u-1", email: "a@example.com" }));
      publish(envelope("user.deleted", { user_id: "u-0" }));
      publish(envelope("user.created", { user_id: "u-2", email: "b@example.com" }));
      return { status: 201 };
    },
  },
};
const createUsers = "    - id: create\n      action: http_request\n      config: { method: POST, url: /users }\n";

const loadError = (steps: string) => {
  try {
    parseFlows(`flow:\n  name: test\n  steps:\n${steps}`, "test.flow.yaml", mapping);
  } catch (error) {
    if (error instanceof FlowError) return error;
    throw error;
  }
  throw new Error("expected a FlowError");
};

describe("kafka_consumer reads the bus through the event tap", () => {
  it("answers TestMesh's messages: the topic's events in order, the key from the mapping, the payload as value", async () => {
    const { failure } = await run(
      `${createUsers}    - id: consume
      action: kafka_consumer
      config: { brokers: "localhost:9092", topic: user.created, from_beginning: true, count: 2, timeout: 1s }
      assert:
        - count == 2
        - messages[*].key == ["u-1", "u-2"]
        - messages[0].value.email == "a@example.com"
        - messages[0].topic == "user.created"
        - messages[0].headers.correlationId == "c-1"
        - messages[0].headers.source == "users"
        - messages[0].timestamp == "2026-01-01T00:00:00.000Z"
`,
      users,
    );
    expect(failure).toBeUndefined();
  });

  it("a new group reads from the flow's start only with from_beginning; otherwise from the step's start", async () => {
    const { failure, warnings } = await run(
      `${createUsers}    - id: latest
      action: kafka_consumer
      config: { topic: user.created, group_id: late, timeout: 50ms }
      assert: [count == 0]
    - id: earliest
      action: kafka_consumer
      config: { topic: user.created, group_id: early, from_beginning: true, timeout: 1s }
      assert: ["messages[0].key == 'u-1'"]
`,
      users,
    );
    expect(failure).toBeUndefined();
    expect(warnings).toContain("step latest: 0 of 1 message(s) on user.created (event type user.created) within 50 ms");
  });

  it("a group goes on where it stopped reading a topic; another group starts over", async () => {
    const { failure } = await run(
      `${createUsers}    - id: first
      action: kafka_consumer
      config: { topic: user.created, group_id: g, from_beginning: true, timeout: 1s }
      assert: ["messages[*].key == ['u-1']"]
    - id: second
      action: kafka_consumer
      config: { topic: user.created, group_id: g, from_beginning: true, timeout: 1s }
      assert: ["messages[*].key == ['u-2']"]
    - id: drained
      action: kafka_consumer
      config: { topic: user.created, group_id: g, from_beginning: true, timeout: 50ms }
      assert: [count == 0]
    - id: other_group
      action: kafka_consumer
      config: { topic: user.created, group_id: h, from_beginning: true, timeout: 1s }
      assert: ["messages[*].key == ['u-1']"]
`,
      users,
    );
    expect(failure).toBeUndefined();
  });

  it("matches on the key, on the value (json_path) and on key patterns and headers (filter)", async () => {
    const { failure } = await run(
      `${createUsers}    - id: by_key
      action: kafka_consumer
      config: { topic: user.created, group_id: a, from_beginning: true, timeout: 1s, match: { key: u-2 } }
      assert: ["messages[0].value.email == 'b@example.com'"]
    - id: by_value
      action: kafka_consumer
      config:
        topic: user.created
        group_id: b
        from_beginning: true
        timeout: 1s
        match:
          json_path:
            - "$.email == 'b@example.com'"
      assert: ["messages[0].key == 'u-2'"]
    - id: by_filter
      action: kafka_consumer
      config: { topic: user.created, group_id: c, from_beginning: true, timeout: 1s, count: 2, filter: { key_pattern: "^u-[12]$", headers: { source: users } } }
      assert: [count == 2]
    - id: nothing_matches
      action: kafka_consumer
      config: { topic: user.created, group_id: d, from_beginning: true, timeout: 50ms, match: { key: u-3 } }
      assert: [len(messages) > 0]
`,
      users,
    );
    expect(failure?.line).toBe(29);
    expect(failure?.message).toContain('step "nothing_matches": assertion failed: len(messages) > 0: actual 0, expected > 0');
  });

  it.each([
    ["an unknown match key", "{ topic: t, match: { value: x } }", 6, 'unknown key "value" in config.match (expected key, json_path)'],
    ["an unknown filter key", "{ topic: t, filter: { header: x } }", 6, 'unknown key "header" in config.filter (expected key, key_pattern, headers)'],
    ["a malformed json_path assertion", '{ topic: t, match: { json_path: ["$.email = 1"] } }', 6, "malformed assertion: expected one of"],
    ["a bad key pattern", '{ topic: t, filter: { key_pattern: "(" } }', 6, "config.filter.key_pattern is not a regular expression"],
    ["a bad count", "{ topic: t, count: 0 }", 6, "config.count must be a whole number ≥ 1"],
    ["no topic", "{ group_id: g }", 4, "action kafka_consumer needs config.topic"],
  ])("%s fails when the flow loads", (_, config, line, message) => {
    const error = loadError(`    - id: consume\n      action: kafka_consumer\n      config: ${config}\n`);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });
});

describe("database_query runs read-only SQL on the owning module through the harness port", () => {
  it("names the module from the seed's schema, drops the qualifier and computes mapped columns", async () => {
    const seen: { module: string; query: string; params: readonly unknown[] }[] = [];
    const { failure } = await run(
      `    - id: user
      action: database_query
      config: { connection: "postgresql://root:admin@localhost:5432/postgres", query: "SELECT * FROM user_service.users WHERE id = $1", params: [u-1] }
      assert: [row_count == 1]
    - id: order
      action: database_query
      config: { query: "SELECT * FROM order_service.orders WHERE id = $1 AND note <> 'order_service.orders'", params: [o-1] }
      assert:
        - rows[0].total == 59.98
    - id: unqualified
      action: database_query
      config: { module: orders, query: "SELECT 1 AS one" }
`,
      {
        sql: (module, query, params) => {
          seen.push({ module, query, params });
          return module === "orders" ? [{ total: 59.98 }] : [{ id: "u-1" }];
        },
      },
    );
    expect(failure).toBeUndefined();
    expect(seen).toEqual([
      { module: "users", query: "SELECT * FROM users WHERE id = ?", params: ["u-1"] },
      {
        module: "orders",
        query:
          "WITH orders AS (SELECT *, (total_cents / 100.0)::float8 AS total FROM orders) SELECT * FROM orders WHERE id = ? AND note <> 'order_service.orders'",
        params: ["o-1"],
      },
      { module: "orders", query: "SELECT 1 AS one", params: [] },
    ]);
  });

  it.each([
    [
      "two modules in one query",
      "DELETE FROM order_service.orders WHERE user_id IN (SELECT id FROM user_service.users)",
      "a query reads one module's state at a time, and this one names order_service (orders) and user_service (users)",
    ],
    [
      "no mapped schema and no module",
      "SELECT * FROM users",
      "the query names no mapped schema (user_service, order_service) and the step gives no config.module",
    ],
  ])("%s fails when the flow loads, at the query", (_, query, message) => {
    const error = loadError(`    - id: q\n      action: database_query\n      config:\n        query: "${query}"\n`);
    expect(error.line).toBe(7);
    expect(error.message).toContain(`step "q": ${message}`);
  });
});
