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

  it("sees the whole project: every module through the systems that select it, and the tooling", () => {
    const selected = graph.edges.filter((e) => /^modules\/\w+\.ts$/.test(e.from) && /^modules\/\w+\/module\.ts$/.test(e.to));
    expect(new Set(selected.map((e) => e.to)).size).toBeGreaterThanOrEqual(9);
    expect(graph.edges.some((e) => e.from === "modules/index.ts" && e.to === "modules/learning.ts")).toBe(true);
    expect(graph.edges.some((e) => e.from === "scripts/contracts.ts" && e.to === "scripts/contracts/cli/main.ts")).toBe(true);
  });

  it("allows modules no runtime file they no longer import", () => {
    const imported = new Set(graph.edges.filter((e) => /^modules\/[^/]+\//.test(e.from)).map((e) => e.to));
    expect([...RUNTIME_FOR_MODULES, ...RUNTIME_TEST_PLUMBING].filter((f) => !imported.has(f))).toEqual([]);
  });
});
