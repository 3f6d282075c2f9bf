import { describe, expect, it } from "vitest";
import { MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("a module that commits and then publishes outside its outbox loses the event when the publish fails", async () => {
    // The call faults act the same in every profile, so one is enough: the sale is stored and never reported.
    const report = await runLedger("dual-write-without-outbox", "refuses calls", {}, ["monolith"]);
    expect(report.checks.map((c) => [c.passed, c.error])).toEqual([[false, expect.stringMatching(/not true within 3000 ms[\s\S]*404 !== 200/)]]);
    expect(report.findings).toBe(1);
  });
});
