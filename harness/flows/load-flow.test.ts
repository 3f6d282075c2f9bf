import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FlowError } from "./errors.ts";
import { fakeSystem } from "./fake-system.ts";
import { loadFlowFile, loadFlows } from "./load.ts";
import { parseFlows } from "./load-flow.ts";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

/** The FlowError a function throws (or a rejected promise carries). */
async function flowErrorOf(work: () => unknown): Promise<FlowError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof FlowError) return error;
    throw error;
  }
  throw new Error("expected a FlowError");
}

const quiet = { seed: 0, warn: () => {} };

describe("broken flows fail with the file and the line", () => {
  it("a YAML syntax error", async () => {
    const error = await flowErrorOf(() => loadFlowFile(fixture("syntax-error.broken.yaml")));
    expect(error.file).toMatch(/fixtures\/syntax-error\.broken\.yaml$/);
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/syntax-error\.broken\.yaml:7: YAML syntax error: /);
  });

  it("an unknown action, at the line naming it", async () => {
    const error = await flowErrorOf(() => loadFlowFile(fixture("unknown-action.broken.yaml")));
    expect(error.file).toMatch(/fixtures\/unknown-action\.broken\.yaml$/);
    expect(error.line).toBe(12);
    expect(error.message).toMatch(
      /unknown-action\.broken\.yaml:12: step "publish_user_event": unknown action "kafka_producer" \(known: http_request, .*kafka_consumer, database_query\)/,
    );
  });

  it("a missing required config field, at the step", async () => {
    const error = await flowErrorOf(() => loadFlowFile(fixture("missing-field.broken.yaml")));
    expect(error.line).toBe(5);
    expect(error.message).toContain('step "create_user": action http_request needs config.url');
  });

  it("a fault it cannot read, at the line of the step's fault, naming the part", async () => {
    const written =
      "flow:\n  name: faulty\n  steps:\n    - id: slow\n      action: delay\n      fault: latency:orders=soon\n      config: { duration: 1ms }\n";
    const error = await flowErrorOf(() => parseFlows(written, "faulty.flow.yaml"));
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/step "slow": fault "latency:orders=soon" is none of: /);
  });

  it("an unknown variable, when its step is about to run, at the step's line", async () => {
    const suite = loadFlowFile(fixture("unknown-variable.broken.yaml"));
    const { system, requests } = fakeSystem({ routes: { "POST /api/v1/users": () => ({ status: 201, body: { id: "u-1" } }) } });
    const error = await flowErrorOf(() => suite.checks[0]?.run(system, quiet));
    expect(error.file).toMatch(/fixtures\/unknown-variable\.broken\.yaml$/);
    expect(error.line).toBe(14);
    expect(error.message).toContain('step "fetch_user": unknown variable {{usr_id}} in config.url (line 18)');
    expect(error.message).toContain("defined: unique, operator_key, user_id");
    expect(requests.map((r) => r.path)).toEqual(["/api/v1/users"]);
  });
});

const flow = (steps: string, extra = "") => `flow:\n  name: test\n${extra}  steps:\n${steps}`;

describe("what else is caught before a flow runs", () => {
  it.each([
    ["no flow key", "steps: []\n", 1, 'unknown top-level key "steps"'],
    ["an unknown flow key", "flow:\n  name: x\n  stepz: []\n", 3, 'unknown key "stepz" in flow'],
    ["no steps", "flow:\n  name: x\n", 1, "needs at least one step"],
    ["an unknown step key", flow("    - id: a\n      action: idle\n      asserts: [status == 200]\n"), 6, 'unknown key "asserts" in a step'],
    ["a duplicate id", flow("    - id: a\n      action: idle\n    - id: a\n      action: idle\n"), 6, 'duplicate step id "a"'],
    [
      "a malformed assertion",
      flow("    - id: a\n      action: idle\n      assert:\n        - status = 200\n"),
      7,
      "malformed assertion: expected one of",
    ],
    [
      "a malformed output path",
      flow("    - id: a\n      action: idle\n      output:\n        x: body.id\n"),
      7,
      "output x: a JSONPath starts with `$`",
    ],
    ["a bad duration", flow("    - id: a\n      action: delay\n      config:\n        duration: soon\n"), 7, "not a duration"],
    [
      "wait_until without a usable request",
      flow("    - id: a\n      action: wait_until\n      config:\n        request: { url: /x }\n        until: [status == 200]\n"),
      7,
      "config.request needs method",
    ],
    [
      "wait_until with a settle that is not a boolean",
      flow(
        "    - id: a\n      action: wait_until\n      config:\n        request: { method: GET, url: /x }\n        until: [status == 200]\n        settle: yes please\n",
      ),
      9,
      "config.settle must be true or false",
    ],
    [
      "a malformed nested step",
      flow("    - id: a\n      action: parallel\n      config:\n        steps:\n          - id: b\n            action: teleport\n"),
      9,
      'step "b": unknown action "teleport"',
    ],
  ])("%s", (_, text, line, message) => {
    let caught: unknown;
    try {
      parseFlows(text, "inline.flow.yaml");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FlowError);
    expect((caught as FlowError).line).toBe(line);
    expect((caught as FlowError).message).toContain(message);
  });
});

describe("loading", () => {
  it("reads several flows from one file (step ids are per flow) and follows YAML aliases", () => {
    const [first, second] = parseFlows(
      `${flow("    - id: a\n      action: idle\n")}---\nflow:\n  name: second\n  steps:\n    - id: a\n      action: http_request\n      config: &get { method: GET, url: /x }\n    - id: b\n      action: http_request\n      config: *get\n`,
      "two.flow.yaml",
    );
    expect(first?.name).toBe("test");
    expect(second?.name).toBe("second");
    expect(second?.steps[1]?.config).toEqual({ method: "GET", url: "/x" });
  });

  it("loads only *.flow.yaml, so the broken fixtures stay out of the shipped suites", () => {
    const suites = loadFlows(fileURLToPath(new URL("../systems/shop/flows", import.meta.url)));
    expect(suites.length).toBeGreaterThanOrEqual(11);
    expect(suites.map((s) => s.name).every((name) => name.endsWith(".flow.yaml"))).toBe(true);
    expect(suites.flatMap((s) => s.checks.map((c) => c.name))).toContain("E2E Order Creation Flow");
    expect(loadFlows(fileURLToPath(new URL("fixtures", import.meta.url)))).toEqual([]);
  });
});
