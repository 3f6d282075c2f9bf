import { describe, expect, it } from "vitest";
import { findings, MUTANT_TIMEOUT_MS, runLedger } from "./run-ledger.ts";

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger (harness/fixtures/ledger)
 * carries one bug that only shows once the system is distributed (or behaves like it), and must be flagged
 * with the right kind. One file per mutant, so they run in parallel.
 */
describe("the harness finds distributed-only bugs", { timeout: MUTANT_TIMEOUT_MS }, () => {
  it("a caller with no timeout on a slow dependency hangs; with one it degrades (a known divergence)", async () => {
    const slowReports = { split: { TWOFOLD_FAULTS: "latency:reports=4000", TWOFOLD_CALL_TIMEOUT_MS: "1000" } };
    // Only the wire has the slow dependency: the strict monolith would add a topology and nothing to compare.
    const profiles = ["monolith", "split"] as const;
    const mutant = await runLedger("no-timeout", "receipt", slowReports, profiles);
    expect(findings(mutant, "split")).toContain("outcome");
    const hang = mutant.divergences.find((d) => d.kind === "outcome" && d.profiles[1] === "split");
    expect(hang?.summary).toMatch(/timed out/i);
    const clean = await runLedger("clean", "receipt", slowReports, profiles);
    expect(clean.findings).toBe(0);
    expect(clean.divergences.map((d) => d.known?.id)).toEqual(["network-faults-only-on-the-wire"]);
  });
});
