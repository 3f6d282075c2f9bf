import { describe, expect, inject, it } from "vitest";
import { ledgerSuite } from "./fixtures/ledger/suite.ts";
import type { DivergenceKind, RunReport } from "./report/model.ts";
import { runHarness } from "./run/harness.ts";
import type { ProfileName } from "./run/profiles.ts";

const modules = ["tills", "audit", "reports"];
const ledger = (entry: string) => ({ entry, topologyFile: "harness/fixtures/ledger/topology.json", modules });
const all: ProfileName[] = ["monolith", "monolith-strict", "split"];

/** Runs one ledger check on every profile against the clean ledger or one of its mutants. */
const run = (variant: string, grep: string, env: Partial<Record<ProfileName, Record<string, string>>> = {}, profiles = all) =>
  runHarness({
    profiles,
    suites: [ledgerSuite],
    filter: { grep: new RegExp(grep) },
    seed: 11,
    modules,
    system: ledger(variant === "clean" ? "harness/fixtures/ledger/system.ts" : `harness/fixtures/ledger/mutants/${variant}.ts`),
    env,
    redisUrl: inject("redisUrl"),
  });

/** The kinds of unexplained divergences between the monolith and `other`. */
const findings = (report: RunReport, other: ProfileName): DivergenceKind[] =>
  [...new Set(report.divergences.filter((d) => !d.known && d.profiles[1] === other).map((d) => d.kind))].sort();

/**
 * Proof that the harness finds what it exists to find: each mutant of the ledger carries one bug that only
 * shows once the system is distributed (or behaves like it), and must be flagged with the right kind.
 */
describe("the harness finds distributed-only bugs", { timeout: 180_000 }, () => {
  it("finds nothing in the clean ledger, on any profile", async () => {
    const report = await run("clean", ".");
    expect(report.divergences).toEqual([]);
    expect(report.findings).toBe(0);
  });

  it("an event payload carrying a Date the consumer uses as a Date: the consumer fails on the wire", async () => {
    const report = await run("date-in-event", "reported with its hour");
    for (const other of ["monolith-strict", "split"] as const) {
      expect(findings(report, other)).toEqual(expect.arrayContaining(["events", "outcome", "state"]));
    }
    const undelivered = report.divergences.find((d) => d.kind === "events" && d.summary.includes("deliveries failed"));
    expect(undelivered?.summary).toContain("sale.recorded → reports");
  });

  it("a consumer that mutates the event it received: in one process the next subscriber sees the change", async () => {
    const report = await run("mutated-event", "reported with its hour");
    expect(findings(report, "monolith-strict")).toEqual(expect.arrayContaining(["outcome", "state"]));
    expect(findings(report, "split")).toEqual(expect.arrayContaining(["outcome", "state"]));
    expect(report.checks.find((c) => c.profile === "monolith")?.passed).toBe(false);
  });

  it("a caller that assumes publish has been handled when it returns", async () => {
    const report = await run("publish-assumed-handled", "reported with its hour");
    for (const other of ["monolith-strict", "split"] as const) {
      expect(findings(report, other)).toEqual(expect.arrayContaining(["outcome", "response"]));
    }
    const response = report.divergences.find((d) => d.kind === "response");
    expect(response?.firstDivergentStep).toMatchObject({ baseline: expect.stringContaining("POST /api/v1/sales → 201") });
  });

  it("a consumer that is not idempotent under redelivery counts twice", async () => {
    const report = await run("not-idempotent", "counted once", {
      "monolith-strict": { TWOFOLD_STRICT_DUPLICATES: "1" },
      split: { TWOFOLD_FAULTS: "duplicate=1" },
    });
    for (const other of ["monolith-strict", "split"] as const) expect(findings(report, other)).toEqual(expect.arrayContaining(["outcome", "state"]));
  });

  it("per-process memory one module relies on from another: split into processes, it is gone", async () => {
    const report = await run("process-memory", "latest sale");
    expect(findings(report, "monolith-strict")).toEqual([]);
    expect(findings(report, "split")).toEqual(expect.arrayContaining(["outcome", "response"]));
  });

  it("a caller with no timeout on a slow dependency hangs; with one it degrades (a known divergence)", async () => {
    const slowReports = { split: { TWOFOLD_FAULTS: "latency:reports=4000", TWOFOLD_CALL_TIMEOUT_MS: "1000" } };
    const mutant = await run("no-timeout", "receipt", slowReports);
    expect(findings(mutant, "split")).toContain("outcome");
    const hang = mutant.divergences.find((d) => d.kind === "outcome" && d.profiles[1] === "split");
    expect(hang?.summary).toMatch(/timed out/i);
    const clean = await run("clean", "receipt", slowReports);
    expect(clean.findings).toBe(0);
    expect(clean.divergences.map((d) => d.known?.id)).toEqual(["network-faults-only-on-the-wire"]);
  });
});
