import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkLayers, describeViolation } from "./check.ts";
import { importGraph } from "./graph.ts";
import { RUNTIME_FOR_MODULES, RUNTIME_TEST_PLUMBING } from "./rules.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the project's layers", () => {
  const graph = importGraph(root);

  it("breaks no layer rule and has no import cycle", () => {
    expect(checkLayers(graph).map(describeViolation)).toEqual([]);
  });

  it("sees the whole project: every module through the registry, and the tooling", () => {
    const registered = graph.edges.filter((e) => e.from === "modules/index.ts" && /^modules\/\w+\/module\.ts$/.test(e.to));
    expect(registered.length).toBeGreaterThanOrEqual(9);
    expect(graph.edges.some((e) => e.from === "scripts/contracts.ts" && e.to === "scripts/contracts/cli/main.ts")).toBe(true);
  });

  it("allows modules no runtime file they no longer import", () => {
    const imported = new Set(graph.edges.filter((e) => /^modules\/[^/]+\//.test(e.from)).map((e) => e.to));
    expect([...RUNTIME_FOR_MODULES, ...RUNTIME_TEST_PLUMBING].filter((f) => !imported.has(f))).toEqual([]);
  });
});
