import { describe, expect, it } from "vitest";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("per-process memory one module relies on from another: split into processes, it is gone", async () => {
    const report = await runLedger("process-memory", "latest sale");
    expect(findings(report, "monolith-strict")).toEqual([]);
    expect(findings(report, "split")).toEqual(expect.arrayContaining(["outcome", "response"]));
  });
});
