import { describe, expect, it } from "vitest";
import { ledgerBrokerSuite } from "../fixtures/ledger/suite.ts";
import { MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: a broker run without persistence (no append-only file,
 * no snapshots) loses every event it accepted and had not delivered when it restarts, while the clean ledger's
 * code is unchanged: the bug is in how the broker runs, and only a restart of the broker shows it.
 */
describe("the harness finds distributed-only bugs", { timeout: 2 * MUTANT_TIMEOUT_MS }, () => {
  it("a broker without persistence loses the event it held across its restart", async () => {
    const run = (withoutPersistence: boolean) =>
      runLedger("clean", ".", {}, ["monolith", "split"], ledgerBrokerSuite, { own: true, withoutPersistence });
    const mutant = await run(true);
    expect(mutant.checks.map((c) => [c.profile, c.passed, c.skipped !== undefined])).toEqual([
      ["monolith", true, true],
      ["split", false, false],
    ]);
    expect(mutant.checks[1]?.error).toContain("404 !== 200");
    // The same restart of a broker that keeps its data: the event waits, and is reported.
    const clean = await run(false);
    expect(clean.checks.map((c) => [c.profile, c.passed])).toEqual([
      ["monolith", true],
      ["split", true],
    ]);
  });
});
