import { describe, expect, it } from "vitest";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("an event payload carrying a Date the consumer uses as a Date: the consumer fails on the wire", async () => {
    const report = await runLedger("date-in-event", "reported with its hour");
    for (const other of ["monolith-strict", "split"] as const) {
      expect(findings(report, other)).toEqual(expect.arrayContaining(["events", "outcome", "state"]));
    }
    const undelivered = report.divergences.find((d) => d.kind === "events" && d.summary.includes("deliveries failed"));
    expect(undelivered?.summary).toContain("sale.recorded → reports");
  });
});
