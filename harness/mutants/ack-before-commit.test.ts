import { describe, expect, it } from "vitest";
import { ledgerCrashSuite } from "../fixtures/ledger/suite.ts";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
/** Two runs of two topologies each: twice a mutant's time. */
describe("the harness finds distributed-only bugs", { timeout: 2 * MUTANT_TIMEOUT_MS }, () => {
  it("a consumer that finishes its delivery before writing its effect loses the sale when its process is killed between", async () => {
    // In one process the crash is simulated and the write-behind memory survives it; a real SIGKILL takes it along.
    const report = await runLedger("ack-before-commit", ".", {}, ["monolith", "split"], ledgerCrashSuite);
    expect(report.checks.map((c) => [c.profile, c.passed])).toEqual([
      ["monolith", true],
      ["split", false],
    ]);
    expect(findings(report, "split")).toEqual(expect.arrayContaining(["outcome", "response", "state"]));
    const lost = report.divergences.find((d) => d.kind === "state");
    expect(lost?.summary).toContain("reports.reports (1 only on monolith, 0 only on split)");
    // The clean ledger survives the same kill: the redelivery finds its inbox row and its report. Only the wait
    // for the restart may show, as timing, on a loaded machine (the restarted process takes its job back at once).
    const clean = await runLedger("clean", ".", {}, ["monolith", "split"], ledgerCrashSuite);
    expect(clean.checks.map((c) => c.passed)).toEqual([true, true]);
    expect(findings(clean, "split").filter((kind) => kind !== "timing")).toEqual([]);
  });
});
