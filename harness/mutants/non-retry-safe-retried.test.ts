import { describe, expect, it } from "vitest";
import { MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("a call declared retry-safe that is not refunds once per attempt when its replies are lost", async () => {
    // The call faults act the same in every profile, so one is enough: three attempts, three refunds of 250.
    const report = await runLedger("non-retry-safe-retried", "refund whose every reply is lost", {}, ["monolith"]);
    expect(report.checks.map((c) => [c.passed, c.error])).toEqual([[false, expect.stringMatching(/500 !== 1000/)]]);
    expect(report.findings).toBe(1);
  });
});
