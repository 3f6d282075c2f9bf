import { describe, expect, it } from "vitest";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("a caller that assumes publish has been handled when it returns", async () => {
    const report = await runLedger("publish-assumed-handled", "reported with its hour");
    for (const other of ["monolith-strict", "split"] as const) {
      expect(findings(report, other)).toEqual(expect.arrayContaining(["outcome", "response"]));
    }
    const response = report.divergences.find((d) => d.kind === "response");
    expect(response?.firstDivergentStep).toMatchObject({ baseline: expect.stringContaining("POST /api/v1/sales → 201") });
  });
});
