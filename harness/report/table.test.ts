import { describe, expect, it } from "vitest";
import { fixtureReport, STUCK_HOLD } from "./html-fixture.ts";
import { renderTable } from "./table.ts";

describe("the terminal table", () => {
  const table = renderTable(fixtureReport());

  it("prints each profile's reconciliation: lost, doubled and stuck", () => {
    expect(table).toContain("monolith: ready in 640 ms, checks took 3900 ms (4 passed, 0 failed); reconciled: 0 lost, 0 doubled, 0 stuck");
    expect(table).toContain("split: ready in 2310 ms, checks took 9800 ms (3 passed, 1 failed); reconciled: 0 lost, 0 doubled, 1 stuck");
    expect(table).toContain(`Reconciliation of split:\n  stuck    warehouse ord_1: ${STUCK_HOLD.problem} (${STUCK_HOLD.invariant})`);
  });

  it("lists every invariant broken with its check and profile, and counts them in the verdict", () => {
    expect(table).toContain(
      `Invariants broken:\n✗ stuck    [split] payment declined › cancels the order and releases the stock\n    ${STUCK_HOLD.invariant}: warehouse ord_1: ${STUCK_HOLD.problem}`,
    );
    expect(table).toMatch(/1 invariants broken → 3 finding\(s\)$/);
  });

  it('names the run\'s system in its header and its verdict, and says only "check" for a run that names none', () => {
    const named = renderTable({ ...fixtureReport(), system: "learning" });
    expect(named.split("\n")[0]).toMatch(/^learning checks\s+monolith/);
    expect(named.split("\n").at(-1)).toMatch(/^learning: seed \d+/);
    const unnamed = renderTable({ ...fixtureReport(), system: undefined });
    expect(unnamed.split("\n")[0]).toMatch(/^check\s+monolith/);
    expect(unnamed.split("\n").at(-1)).toMatch(/^seed \d+/);
  });
});
