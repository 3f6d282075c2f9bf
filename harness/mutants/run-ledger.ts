import { inject } from "vitest";
import { ledgerSuite } from "../fixtures/ledger/suite.ts";
import type { DivergenceKind, RunReport } from "../report/model.ts";
import { runHarness } from "../run/harness.ts";
import { defaultProfileNames, type ProfileName } from "../run/profiles.ts";
import type { Suite } from "../suite.ts";

const modules = ["tills", "audit", "reports"];
const ledger = (entry: string) => ({ entry, topologyFile: "harness/fixtures/ledger/topology.json", modules });
const all: readonly ProfileName[] = defaultProfileNames;

/** Runs the ledger's checks matching `grep` on every profile against the clean ledger or one of its mutants. */
export const runLedger = (
  variant: string,
  grep: string,
  env: Partial<Record<ProfileName, Record<string, string>>> = {},
  profiles = all,
  suite: Suite = ledgerSuite,
  broker: { readonly own?: boolean; readonly withoutPersistence?: boolean } = {},
) =>
  runHarness({
    profiles,
    suites: [suite],
    filter: { grep: new RegExp(grep) },
    seed: 11,
    modules,
    system: ledger(variant === "clean" ? "harness/fixtures/ledger/system.ts" : `harness/fixtures/ledger/mutants/${variant}.ts`),
    env,
    // A Redis of its own for split, supervised and restartable by the nemesis, when the check restarts the broker.
    redisUrl: broker.own ? undefined : inject("redisUrl"),
    brokerWithoutPersistence: broker.withoutPersistence,
  });

/** The kinds of unexplained divergences between the monolith and `other`. */
export const findings = (report: RunReport, other: ProfileName): DivergenceKind[] =>
  [...new Set(report.divergences.filter((d) => !d.known && d.profiles[1] === other).map((d) => d.kind))].sort();

/** How long one mutant's run may take: three topologies started one after another. */
export const MUTANT_TIMEOUT_MS = 180_000;
