import { describe, expect, it } from "vitest";
import { TALLY_TICK_MS } from "../fixtures/ledger/reports/tally.ts";
import { ledgerReplicaSuite } from "../fixtures/ledger/suite.ts";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * A tally run works eight ticks long: whichever replica reads a sale first, the other's next tick comes while
 * it works, before it marks the sale, so both read it. The check starts idle, so the first sale finds both
 * replicas between ticks and is doubled on every run, not by chance. The clean ledger runs with the same work.
 */
const work = { TWOFOLD_TALLY_WORK_MS: String(8 * TALLY_TICK_MS) };
const slowTally = { monolith: work, "split-replicated": work };

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
/** Two runs of two topologies each. */
describe("the harness finds distributed-only bugs", { timeout: 2 * MUTANT_TIMEOUT_MS }, () => {
  it("a background task that takes its work without claiming it counts each sale once per replica", async () => {
    const report = await runLedger("unsafe-with-two-replicas", ".", slowTally, ["monolith", "split-replicated"], ledgerReplicaSuite);
    expect(report.checks.map((c) => [c.profile, c.passed])).toEqual([
      ["monolith", true],
      ["split-replicated", false],
    ]);
    expect(report.checks[1]?.error).toMatch(/[456] !== 3/);
    expect(findings(report, "split-replicated")).toEqual(expect.arrayContaining(["outcome", "state"]));
    // The clean tally claims its sales with a conditional update before counting them: a replica that reads
    // sales the other is working on counts none of them.
    const clean = await runLedger("clean", ".", slowTally, ["monolith", "split-replicated"], ledgerReplicaSuite);
    expect(clean.checks.map((c) => c.passed)).toEqual([true, true]);
    expect(clean.divergences.filter((d) => !d.known && d.kind !== "timing").map((d) => d.summary)).toEqual([]);
  });
});
