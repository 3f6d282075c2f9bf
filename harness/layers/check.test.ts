import { describe, expect, it } from "vitest";
import { checkLayers } from "./check.ts";
import type { ImportEdge, ImportGraph } from "./graph.ts";
import { LAYER_RULES } from "./rules.ts";

const file = (from: string, to: string): ImportEdge => ({ from, to, specifier: to, external: false });
const pkg = (from: string, to: string): ImportEdge => ({ from, to, specifier: to, external: true });
const graphOf = (...edges: ImportEdge[]): ImportGraph => ({
  files: [...new Set(edges.flatMap((e) => [e.from, ...(e.external ? [] : [e.to])]))],
  edges,
});
const broken = (...edges: ImportEdge[]) => checkLayers(graphOf(...edges)).map((v) => `${v.rule}: ${v.file} → ${v.imports}`);

/** Per rule: imports it must report, and neighbouring imports it must let through. */
const cases: { rule: string; violations: ImportEdge[]; allowed: ImportEdge[] }[] = [
  {
    rule: "contracts-are-the-bottom",
    violations: [
      file("contracts/orders/calls.ts", "runtime/errors.ts"),
      pkg("contracts/ids.ts", "node:crypto"),
      file("contracts/catalog.ts", "scripts/contracts/describe.ts"),
    ],
    allowed: [file("contracts/orders/calls.ts", "contracts/define.ts"), pkg("contracts/ids.ts", "valibot"), pkg("contracts/money.test.ts", "vitest")],
  },
  {
    rule: "runtime-knows-no-system",
    violations: [
      file("runtime/host/boot.ts", "modules/index.ts"),
      file("runtime/bus/bus.ts", "harness/eventually.ts"),
      file("runtime/config.ts", "scripts/twofold.ts"),
    ],
    allowed: [
      file("runtime/bus/bus.ts", "contracts/define.ts"),
      file("runtime/bus/bus.test.ts", "harness/eventually.ts"),
      pkg("runtime/bus/wire/events.ts", "bullmq"),
    ],
  },
  {
    rule: "persistence-below-host",
    violations: [file("runtime/persistence/outbox-relay.ts", "runtime/host/ticker.ts")],
    allowed: [
      file("runtime/persistence/outbox-relay.ts", "runtime/tasks/ticker.ts"),
      file("runtime/persistence/outbox.test.ts", "runtime/host/boot.ts"),
    ],
  },
  {
    rule: "test-helpers-named-as-tests",
    violations: [file("modules/users/testing.ts", "harness/in-process.ts")],
    allowed: [file("modules/users/users.test-support.ts", "harness/in-process.ts"), file("modules/users/auth.test.ts", "harness/in-process.ts")],
  },
  {
    rule: "module-boundary",
    violations: [
      file("modules/orders/checkout.ts", "modules/users/entities.ts"),
      file("modules/orders/orders.test.ts", "modules/cart/module.ts"),
      file("modules/orders/checkout.ts", "runtime/host/boot.ts"),
    ],
    allowed: [
      file("modules/orders/checkout.ts", "modules/orders/saga/plan.ts"),
      file("modules/orders/checkout.ts", "contracts/orders/calls.ts"),
      file("modules/orders/checkout.ts", "runtime/module-api/index.ts"),
    ],
  },
  {
    rule: "module-registry",
    violations: [
      file("modules/index.ts", "modules/users/entities.ts"),
      file("modules/index.ts", "runtime/host/boot.ts"),
      file("modules/consumer-contracts.test.ts", "modules/users/entities.ts"),
    ],
    allowed: [
      file("modules/index.ts", "modules/users/module.ts"),
      file("modules/boundaries.test.ts", "modules/index.ts"),
      file("modules/boundaries.test.ts", "harness/boundaries.ts"),
    ],
  },
  {
    rule: "harness-runs-systems-from-outside",
    violations: [file("harness/test-env.ts", "modules/users/settings.ts"), file("harness/cli.ts", "scripts/contracts/cli/main.ts")],
    allowed: [
      file("harness/topologies.ts", "modules/index.ts"),
      file("harness/skew.test.ts", "modules/orders/module.ts"),
      file("harness/in-process.ts", "runtime/host/monolith.ts"),
    ],
  },
  {
    rule: "contract-tools-on-top",
    violations: [file("scripts/contracts/describe.ts", "scripts/build.ts"), file("scripts/contracts/cli/shop.ts", "modules/users/entities.ts")],
    allowed: [
      file("scripts/contracts/verifications.ts", "harness/report/model.ts"),
      file("scripts/contracts/cli/shop.ts", "modules/index.ts"),
      file("scripts/contracts/describe.ts", "contracts/define.ts"),
    ],
  },
];

describe("layer rules", () => {
  it("has a case here for every rule but the cycle rule", () => {
    expect(cases.map((c) => c.rule).sort()).toEqual(
      LAYER_RULES.filter((r) => !("acyclic" in r))
        .map((r) => r.name)
        .sort(),
    );
  });

  it.each(cases)("$rule reports what breaks it and nothing next to it", ({ rule, violations, allowed }) => {
    expect(broken(...violations, ...allowed)).toEqual(violations.map((e) => `${rule}: ${e.from} → ${e.to}`));
  });

  it("reports an import once, under the first rule it breaks", () => {
    expect(broken(file("modules/cart/testing.ts", "harness/in-process.ts"))).toEqual([
      "test-helpers-named-as-tests: modules/cart/testing.ts → harness/in-process.ts",
    ]);
  });

  it("no-cycles names each cycle's path, type-only imports included, and a file that imports itself", () => {
    const found = checkLayers(
      graphOf(
        file("harness/flows/model.ts", "harness/flows/actions/action.ts"),
        file("harness/flows/actions/action.ts", "harness/flows/variables.ts"),
        file("harness/flows/variables.ts", "harness/flows/model.ts"),
        file("harness/flows/run-step.ts", "harness/flows/model.ts"),
        file("runtime/bus/bus.ts", "runtime/bus/bus.ts"),
      ),
    );
    expect(found.map((v) => [v.rule, v.cycle])).toEqual([
      ["no-cycles", ["harness/flows/actions/action.ts", "harness/flows/variables.ts", "harness/flows/model.ts", "harness/flows/actions/action.ts"]],
      ["no-cycles", ["runtime/bus/bus.ts", "runtime/bus/bus.ts"]],
    ]);
  });

  it("no-cycles gives a shortest path through a component with several cycles", () => {
    const found = checkLayers(
      graphOf(
        file("harness/a.ts", "harness/b.ts"),
        file("harness/b.ts", "harness/c.ts"),
        file("harness/c.ts", "harness/a.ts"),
        file("harness/b.ts", "harness/a.ts"),
      ),
    );
    expect(found.map((v) => v.cycle)).toEqual([["harness/a.ts", "harness/b.ts", "harness/a.ts"]]);
  });
});
