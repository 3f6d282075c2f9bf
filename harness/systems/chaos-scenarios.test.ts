import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chaosScenarios } from "./chaos-scenarios.ts";

describe("the systems' chaos scenarios", () => {
  it("are at least thirty, each with an expected outcome and a proof", () => {
    expect(chaosScenarios.length).toBeGreaterThanOrEqual(30);
    expect(chaosScenarios.filter((s) => s.expected === "" || s.proofs.length === 0).map((s) => s.scenario)).toEqual([]);
    expect(new Set(chaosScenarios.map((s) => s.scenario)).size).toBe(chaosScenarios.length);
  });

  it("name only tests that exist: each proof's words are in its file", () => {
    const missing = chaosScenarios.flatMap((s) =>
      s.proofs.filter((p) => !readFileSync(p.file, "utf8").includes(p.test)).map((p) => `${s.scenario}: ${p.file} has no "${p.test}"`),
    );
    expect(missing).toEqual([]);
  });
});
