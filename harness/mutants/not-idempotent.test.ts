import { describe, expect, it } from "vitest";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("a consumer that is not idempotent under redelivery counts twice", async () => {
    const report = await runLedger("not-idempotent", "counted once", {
      "monolith-strict": { TWOFOLD_FAULTS: "strict,duplicate=1" },
      split: { TWOFOLD_FAULTS: "duplicate=1" },
    });
    for (const other of ["monolith-strict", "split"] as const) expect(findings(report, other)).toEqual(expect.arrayContaining(["outcome", "state"]));
  });
});
