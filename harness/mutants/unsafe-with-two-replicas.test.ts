import { describe, expect, it } from "vitest";
import { TALLY_TICK_MS } from "../fixtures/ledger/reports/tally.ts";
import { ledgerReplicaSuite } from "../fixtures/ledger/suite.ts";
import type { Divergence } from "../report/model.ts";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * A tally run works eight ticks long: whichever replica reads a sale first, the other's next tick comes while
 * it works, before it marks the sale, so both read it. The check starts idle, so the first sale finds both
 * replicas between ticks and is doubled on every run, not by chance. The clean ledger runs with the same work.
 */
const work = { TWOFOLD_TALLY_WORK_MS: String(8 * TALLY_TICK_MS) };
const slowTally = { monolith: work, "split-replicated": work };

/**
 * Not this mutant's bug, and not the tally's: both replicas of tills run the outbox relay, which claims no row,
 * so one may read a sale's row before the other deletes it and publish it again. The broker takes the job once
 * (its id is the message id) and reports' inbox would drop a copy, so nothing counts twice, but the trace holds
 * two publishes: extra copies of events the monolith published too, none missing.
 */
const relayedByBoth = (d: Divergence) => d.kind === "events" && d.summary.startsWith("duplicated events: 0 only on monolith,");

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
    expect(clean.divergences.filter((d) => !d.known && d.kind !== "timing" && !relayedByBoth(d)).map((d) => d.summary)).toEqual([]);
  });
});
