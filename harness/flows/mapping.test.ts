import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { FlowError } from "./errors.ts";
import { fakeSystem } from "./fake-system.ts";
import { loadFlowFile } from "./load.ts";
import { parseFlows } from "./load-flow.ts";
import { parseMapping } from "./load-mapping.ts";
import { runFlow } from "./run-flow.ts";

const flowError = (work: () => unknown): FlowError => {
  try {
    work();
  } catch (error) {
    if (error instanceof FlowError) return error;
    throw error;
  }
  throw new Error("expected a FlowError");
};

describe("a mapping file says what a flow written for another system means here", () => {
  it("sends requests to the seed's service URLs to the system, with the mapping's headers unless the step sets them", async () => {
    const mapping = parseMapping(
      `services:\n  users: "http://localhost:5001/"\nheaders:\n  X-Operator-Key: "{{operator_key}}"\n  x-source: mapping\n`,
      "m.mapping.yaml",
    );
    const [flow] = parseFlows(
      `flow:
  name: services
  env:
    USER_SERVICE_URL: "http://localhost:5001"
  steps:
    - id: create
      action: http_request
      config: { method: POST, url: "\${USER_SERVICE_URL}/api/v1/users", headers: { X-Source: step } }
      assert: [status == 201]
    - id: root
      action: http_request
      config: { method: GET, url: "http://localhost:5001?x=1" }
`,
      "f.flow.yaml",
      mapping,
    );
    const fake = fakeSystem({ routes: { "POST /api/v1/users": () => ({ status: 201 }), "GET /?x=1": () => ({ status: 200 }) } });
    await runFlow(flow as NonNullable<typeof flow>, fake.system, { seed: 0, warn: () => {} });
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.headers["x-operator-key"]} ${r.headers["x-source"]}`)).toEqual([
      `POST /api/v1/users ${DEVELOPMENT_OPERATOR_KEY} step`,
      `GET /?x=1 ${DEVELOPMENT_OPERATOR_KEY} mapping`,
    ]);
  });

  it("runs an action as another, skips steps (saying so) and replaces values everywhere, assertions included", async () => {
    const mapping = parseMapping(
      `actions:\n  delay: idle\nskip: [cleanup]\nvalues:\n  "john@example.com": "john-{{unique}}@example.com"\n`,
      "m.mapping.yaml",
    );
    const [flow] = parseFlows(
      `flow:
  name: mapped
  setup:
    - id: cleanup
      action: database_query
      config: { query: "DELETE FROM a.x WHERE y IN (SELECT y FROM b.z)" }
  steps:
    - id: create
      action: http_request
      config: { method: POST, url: /users, body: { email: "john@example.com" } }
      assert:
        - body.email == "john@example.com"
    - id: wait
      action: delay
      config: { duration: 1h }
`,
      "f.flow.yaml",
      mapping,
    );
    const warnings: string[] = [];
    const fake = fakeSystem({ routes: { "POST /users": (request) => ({ status: 201, body: request.body }) } });
    await runFlow(flow as NonNullable<typeof flow>, fake.system, { seed: 0, warn: (message) => warnings.push(message) });
    expect((fake.requests[0]?.body as { email: string } | undefined)?.email).toMatch(/^john-flow-.+@example\.com$/);
    expect(flow?.steps.map((s) => s.action)).toEqual(["http_request", "idle"]);
    expect(warnings).toEqual(["f.flow.yaml: not run, as m.mapping.yaml says: cleanup"]);
  });

  it("the seed's file loads with its mapping, and fails to load without it only at the statements it cannot run", () => {
    const seed = fileURLToPath(new URL("../systems/shop/flows/e2e-order-flow.flow.yaml", import.meta.url));
    expect(loadFlowFile(seed).checks.map((c) => c.name)).toEqual(["E2E Order Creation Flow"]);
    const error = flowError(() => parseFlows(readFileSync(seed, "utf8"), "seed.flow.yaml"));
    expect(error.message).toContain('step "cleanup_notifications": the query names no mapped schema');
  });

  it.each([
    ["an unknown section", "service:\n  users: x\n", 1, 'unknown key "service" in a mapping file (expected services, headers,'],
    ["a section that is not a map", "topics: [a]\n", 1, "topics: must be a map"],
    ["a topic without a type", "topics:\n  user.created: { key: payload.user_id }\n", 2, "topics.user.created: needs type"],
    ["a topic key that is not a path", 'topics:\n  t:\n    type: t\n    key: "payload.["\n', 4, "topics.t.key: an envelope path"],
    ["a table that is not schema.table", "tables:\n  orders: { columns: { total: x } }\n", 2, 'tables: "orders" is not schema.table'],
    [
      "a column that is not SQL",
      "tables:\n  s.orders:\n    columns:\n      total: 1\n",
      4,
      "tables.s.orders.columns.total: must be an SQL expression",
    ],
    ["an unknown action", "actions:\n  delay: nap\n", 2, 'actions: unknown action "nap" (known: http_request,'],
    ["a schema that is not a name", 'schemas:\n  "user service": users\n', 2, 'schemas: "user service" is not a schema name'],
  ])("%s fails with the mapping file and the line", (_, text, line, message) => {
    const error = flowError(() => parseMapping(text, "m.mapping.yaml"));
    expect(error.file).toBe("m.mapping.yaml");
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });

  it("skipping a step no flow has fails at the mapping's line", () => {
    const mapping = parseMapping("skip:\n  - create\n  - cleanup_typo\n", "m.mapping.yaml");
    const error = flowError(() =>
      parseFlows("flow:\n  name: x\n  steps:\n    - id: create\n      action: idle\n    - id: other\n      action: idle\n", "f.flow.yaml", mapping),
    );
    expect(error.message).toBe('m.mapping.yaml:3: skip: no flow in f.flow.yaml has a setup, step or teardown "cleanup_typo"');
  });
});
