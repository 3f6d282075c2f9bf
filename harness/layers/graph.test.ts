import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkLayers, describeViolation } from "./check.ts";
import { importGraph } from "./graph.ts";

/** A tiny project laid out like this one, with a tsconfig.json of its own and one violation of every rule. */
const fixture = fileURLToPath(new URL("./fixtures/project", import.meta.url));

describe("the import graph of a fixture project, from tsc", () => {
  const graph = importGraph(fixture);
  const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);

  it("resolves static, type-only, re-exported and dynamic imports, and names packages and builtins", () => {
    expect(edge("contracts/order.ts", "contracts/sku.ts")).toMatchObject({ specifier: "./sku.ts", external: false });
    expect(edge("runtime/module-api/index.ts", "modules/a/module.ts")).toMatchObject({ external: false });
    expect(edge("contracts/sku.ts", "runtime/host/ticker.ts")).toMatchObject({ specifier: "../runtime/host/ticker.ts" });
    expect(edge("modules/a/module.ts", "modules/b/internal.ts")).toMatchObject({ specifier: "../b/internal.ts" });
    expect(edge("contracts/order.ts", "valibot")).toMatchObject({ external: true });
    expect(edge("contracts/order.ts", "node:fs")).toMatchObject({ external: true });
    expect(graph.files).toContain("runtime/host/ticker.ts");
    expect(graph.files.some((f) => f.includes("node_modules"))).toBe(false);
  });

  it("breaks every rule once, where the fixture does", () => {
    expect(
      checkLayers(graph)
        .map(describeViolation)
        .map((line) => line.replace(/ \(.*\)$/, "")),
    ).toEqual([
      "contracts-are-the-bottom: contracts/order.ts imports node:fs",
      "contracts-are-the-bottom: contracts/sku.ts imports runtime/host/ticker.ts",
      "runtime-knows-no-system: runtime/module-api/index.ts imports modules/a/module.ts",
      "persistence-below-host: runtime/persistence/relay.ts imports runtime/host/ticker.ts",
      "test-helpers-named-as-tests: modules/a/helpers.ts imports harness/kit.ts",
      "module-boundary: modules/a/module.ts imports modules/b/internal.ts",
      "module-registry: modules/index.ts imports modules/b/internal.ts",
      "harness-runs-systems-from-outside: harness/kit.ts imports scripts/contracts/tool.ts",
      "contract-tools-on-top: scripts/contracts/tool.ts imports scripts/other.ts",
      "no-cycles: modules/a/module.ts → runtime/module-api/index.ts → modules/a/module.ts",
      "no-cycles: modules/b/internal.ts → modules/b/other.ts → modules/b/internal.ts",
    ]);
  });
});
