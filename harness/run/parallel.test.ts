import assert from "node:assert/strict";
import { describe, expect, it } from "vitest";
import { renderTable } from "../report/table.ts";
import { check, defineSuite, unique } from "../suite.ts";
import { type ProgressEvent, runHarness } from "./harness.ts";

const modules = ["tills", "audit", "reports"];
const ledger = { entry: "harness/fixtures/ledger/system.ts", topologyFile: "harness/fixtures/ledger/topology.json", modules };

describe("profiles run at once (--jobs)", () => {
  it("each in its own topology and unique-value sequence, reported in the order asked for", async () => {
    const made: Record<string, string[]> = {};
    // Each profile's check waits for the other's: it can only pass when the two run at the same time.
    let arrived = 0;
    let bothHere: () => void = () => {};
    const together = new Promise<void>((resolve) => (bothHere = resolve));
    const suite = defineSuite("Together", [
      check("meets the other profile's run, then sells", async (sys) => {
        made[sys.topology] = [unique("till"), unique("till")];
        if (++arrived === 2) bothHere();
        await together;
        const sale = await sys.http.post("/api/v1/sales", { amount_cents: 100, lines: [{ sku: "tea", qty: 1 }] });
        assert.equal(sale.status, 201, JSON.stringify(sale.body));
      }),
      check("keeps counting in its own sequence", async (sys) => {
        made[sys.topology]?.push(unique("till"));
      }),
    ]);
    const phases: string[] = [];
    const report = await runHarness({
      profiles: ["monolith-strict", "monolith"],
      suites: [suite],
      seed: 5,
      modules,
      system: ledger,
      jobs: 2,
      checkTimeoutMs: 20_000,
      onProgress: (event: ProgressEvent) => void (event.type === "profile" && phases.push(`${event.profile} ${event.phase}`)),
    });
    expect(report.checks.map((c) => [c.profile, c.passed])).toEqual([
      ["monolith-strict", true],
      ["monolith-strict", true],
      ["monolith", true],
      ["monolith", true],
    ]);
    expect(report.profiles.map((p) => p.profile)).toEqual(["monolith-strict", "monolith"]);
    expect(made.monolith).toEqual(made["monolith-strict"]);
    expect(new Set(made.monolith).size).toBe(3);
    expect(phases.indexOf("monolith ready")).toBeLessThan(phases.indexOf("monolith-strict done"));
    expect(report.divergences.filter((d) => d.kind !== "timing")).toEqual([]);
  }, 60_000);

  it("reports a check whose nemesis cannot apply to a profile as skipped with the reason, neither passed nor failed nor compared", async () => {
    const suite = defineSuite("Nemesis", [
      check("restarts the broker", async (_sys, context) => {
        await context.nemesis?.restartBroker();
        throw new Error("a one-process profile must not get this far");
      }),
    ]);
    const report = await runHarness({ profiles: ["monolith", "monolith-strict"], suites: [suite], seed: 5, modules, system: ledger, jobs: 2 });
    expect(report.checks.map((c) => [c.profile, c.passed, c.skipped])).toEqual([
      ["monolith", true, "one process: there is no broker to restart"],
      ["monolith-strict", true, "one process: there is no broker to restart"],
    ]);
    expect(report.profiles.map((p) => [p.passed, p.failed, p.skipped])).toEqual([
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect([report.divergences, report.findings]).toEqual([[], 0]);
    expect(renderTable(report)).toContain("- [monolith] Nemesis › restarts the broker: one process: there is no broker to restart");
  }, 60_000);
});
