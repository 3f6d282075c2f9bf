import { describe, expect, it } from "vitest";
import { MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("finds nothing in the clean ledger, on any profile", async () => {
    const report = await runLedger("clean", ".");
    expect(report.divergences).toEqual([]);
    expect(report.findings).toBe(0);
  });
});
