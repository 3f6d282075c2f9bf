import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Invariant } from "../checkers/model.ts";
import { InvariantWatch } from "../checkers/watch.ts";
import { compareRuns, DEFAULT_SLOWDOWN } from "../diff/compare.ts";
import { markKnown } from "../diff/known-divergences.ts";
import { oneProcessNemesis, splitNemesis } from "../nemesis/process.ts";
import type { CheckRun, Divergence, ProfileSummary, RunReport } from "../report/model.ts";
import { type Suite, withUniqueScope } from "../suite.ts";
import { SystemClient } from "../system/client.ts";
import { type SystemUnderTest, startTopology } from "../topologies.ts";
import { runCheck } from "./check-run.ts";
import { applyFlags, asFlagEffect, flagVariants, labelOf, type RunFlag, type SystemFlags } from "./flags.ts";
import { type ProfileName, profileEnv, profileOf } from "./profiles.ts";
import { type RunFilter, selectChecks } from "./select.ts";
import { snapshot } from "./state.ts";

export type ProgressEvent =
  | { readonly type: "profile"; readonly profile: string; readonly phase: "starting" | "ready" | "done"; readonly startupMs?: number }
  | { readonly type: "check"; readonly profile: string; readonly run: CheckRun; readonly done: number; readonly total: number };

export interface HarnessOptions {
  readonly profiles: readonly ProfileName[];
  readonly suites: readonly Suite[];
  readonly seed: number;
  /** Modules whose state is compared (every module of the system). */
  readonly modules: readonly string[];
  readonly filter?: RunFilter;
  /** The registry's name of the system run, for the report. */
  readonly systemName?: string;
  /** A fixture system instead of the shop. */
  readonly system?: SystemUnderTest;
  /** Faults for every profile of the run, in their written form, after each profile's own (runtime/bus/faults/). */
  readonly faults?: string;
  /** What the system declares must hold of its state (the shop's: harness/suites/invariants/), checked after every check and reconciled per profile. */
  readonly invariants?: readonly Invariant[];
  /** Extra environment per profile (fault injection). */
  readonly env?: Partial<Record<ProfileName, Record<string, string>>>;
  readonly redisUrl?: string;
  /**
   * false: each profile is judged on its own (its checks, invariants and reconciliation), not diffed with the
   * others — for runs that kill processes on purpose, where only split's kills are real and every restart
   * changes what a check's requests meet (the crash sweep, the soak).
   */
  readonly compare?: boolean;
  /** Split's own Redis keeps nothing across a restart: the broker mutant (topologies.ts). */
  readonly brokerWithoutPersistence?: boolean;
  readonly checkTimeoutMs?: number;
  /** Feature flags set through the operator API in every topology once it has started, before the checks. */
  readonly flags?: readonly RunFlag[];
  /** The system's feature flags, as the harness sets them (its checks declare them). */
  readonly systemFlags?: SystemFlags;
  /** Runs each profile twice, this flag off then on, and compares the two instead of the profiles (harness/run/flags.ts). */
  readonly flagDiff?: string;
  /**
   * How many profiles run at once (default 1 here; the CLI's is 3). Each has its own topology, queue prefix and
   * unique-value sequence, so the results are the same as one after the other, but every check's wall time
   * then includes the others' load, which the timing comparison sees: the mutant tests judge timing, so one.
   */
  readonly jobs?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/**
 * Runs the selected checks against each profile (each on a freshly started topology; `jobs` at once), then compares
 * every other profile with the first one, check by check, and marks what is known by design.
 */
export async function runHarness(options: HarnessOptions): Promise<RunReport> {
  const startedAt = new Date();
  const started = performance.now();
  const selected = selectChecks(options.suites, options.filter);
  const variants = flagVariants(options.flags ?? [], options.flagDiff, options.systemFlags);
  const runs: CheckRun[] = [];
  const summaries: ProfileSummary[] = [];
  const planned = options.profiles.flatMap((p) => variants.map((v) => [p, v] as const));
  const done = await inTurns(planned, options.jobs ?? 1, ([name, variant]) =>
    withUniqueScope(`s${options.seed.toString(36)}`, () => runProfile(options, selected, name, variant)),
  );
  // In the order the profiles were asked for, however they finished: the first is the baseline.
  for (const result of done) {
    runs.push(...result.runs);
    summaries.push(result.summary);
  }
  const { flagDiff } = options;
  const divergences = flagDiff
    ? options.profiles
        .flatMap((p) =>
          compareAll(
            runs,
            variants.map((v) => labelOf(p, v)),
          ),
        )
        .map((d) => asFlagEffect(flagDiff, d))
    : options.compare === false
      ? []
      : markKnown(compareAll(runs, options.profiles));
  const failedChecks = new Set(runs.filter((r) => !r.passed).map((r) => `${r.suite}\u0000${r.check}`)).size;
  const brokenInvariants =
    runs.reduce((sum, r) => sum + (r.invariants?.length ?? 0), 0) + summaries.reduce((sum, p) => sum + (p.reconciliation?.late ?? 0), 0);
  return {
    version: 1,
    ...(options.systemName ? { system: options.systemName } : {}),
    seed: options.seed,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.flags?.length ? { flags: options.flags.map((f) => f.written) } : {}),
    ...(flagDiff ? { flagDiff } : {}),
    startedAt: startedAt.toISOString(),
    wallMs: performance.now() - started,
    profiles: summaries,
    checks: runs,
    divergences,
    findings: divergences.filter((d) => !d.known).length + failedChecks + brokenInvariants,
  };
}

/** One profile's run: its own freshly started topology, every selected check in order, then the reconciliation. */
async function runProfile(
  options: HarnessOptions,
  selected: ReturnType<typeof selectChecks>,
  name: ProfileName,
  variant: ReturnType<typeof flagVariants>[number],
): Promise<{ runs: CheckRun[]; summary: ProfileSummary }> {
  const profile = profileOf(name);
  const label = labelOf(name, variant);
  // Split gets a Redis of its own, supervised and durable as `bun run split`'s, so a check's nemesis can restart
  // it; a shared Redis (options.redisUrl: the tests, or REDIS_URL) is used as it is, with a queue prefix per topology.
  const sharedRedis = options.redisUrl ?? process.env.REDIS_URL;
  const redisDir = profile.topology === "split" && !sharedRedis ? mkdtempSync(join(tmpdir(), "twofold-harness-redis-")) : undefined;
  options.onProgress?.({ type: "profile", profile: label, phase: "starting" });
  const topology = await startTopology(profile.topology, {
    system: options.system,
    redisUrl: sharedRedis,
    redisDir,
    brokerWithoutPersistence: options.brokerWithoutPersistence,
    env: { ...profileEnv(profile, options.seed, options.faults), ...options.env?.[name] },
  });
  const nemesis = profile.topology === "split" ? splitNemesis(topology) : oneProcessNemesis();
  options.onProgress?.({ type: "profile", profile: label, phase: "ready", startupMs: topology.startupMs });
  const profileStarted = performance.now();
  const mine: CheckRun[] = [];
  const watch = options.invariants && new InvariantWatch(options.invariants);
  let reconciled: ProfileSummary["reconciliation"];
  try {
    await applyFlags(topology.url, variant.flags, options.systemFlags);
    for (const [index, { suite, check }] of selected.entries()) {
      // A sequence per check: a check skipped on one profile must not shift the values of the checks after it.
      const run = await withUniqueScope(`s${options.seed.toString(36)}c${index}`, () =>
        runCheck(suite, check, {
          profile: label,
          url: topology.url,
          modules: options.modules,
          seed: options.seed,
          tag: `h${options.seed.toString(36)}-${name}-${index}`,
          timeoutMs: options.checkTimeoutMs ?? 60_000,
          watch,
          nemesis,
        }),
      );
      mine.push(run);
      options.onProgress?.({ type: "check", profile: label, run, done: mine.length, total: selected.length });
    }
    if (watch) reconciled = await reconcile(watch, new SystemClient(name, topology.url), options.modules);
  } finally {
    await topology.stop();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  }
  options.onProgress?.({ type: "profile", profile: label, phase: "done" });
  return {
    runs: mine,
    summary: {
      profile: label,
      startupMs: topology.startupMs,
      wallMs: performance.now() - profileStarted,
      passed: mine.filter((r) => r.passed && !r.skipped).length,
      failed: mine.filter((r) => !r.passed).length,
      skipped: mine.filter((r) => r.skipped).length,
      ...(reconciled ? { reconciliation: reconciled } : {}),
    },
  };
}

/** `work` over every item, at most `jobs` at once; the results in the items' order. */
async function inTurns<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

/** The reconciliation checker: every module's state once the profile's checks are done and the system is idle, held to the invariants. */
async function reconcile(watch: InvariantWatch, observer: SystemClient, modules: readonly string[]): Promise<ProfileSummary["reconciliation"]> {
  await observer.idle().catch(() => {});
  const { reconciliation, unreported } = watch.reconcile(await snapshot(observer, modules));
  return { ...reconciliation, late: unreported.length };
}

/** Every other profile against the first, check by check. */
function compareAll(runs: readonly CheckRun[], order: readonly string[]): Divergence[] {
  const [baseline, ...others] = order;
  const byCheck = new Map<string, CheckRun[]>();
  for (const run of runs) byCheck.set(`${run.suite}\u0000${run.check}`, [...(byCheck.get(`${run.suite}\u0000${run.check}`) ?? []), run]);
  const pairs = (profile: string) =>
    [...byCheck.values()].flatMap((checkRuns) => {
      const base = checkRuns.find((r) => r.profile === baseline);
      const other = checkRuns.find((r) => r.profile === profile);
      // A run skipped on either side (harness/nemesis/process.ts) did nothing to compare.
      return base && other && !base.skipped && !other.skipped ? [[base, other] as const] : [];
    });
  return others.flatMap((profile) => {
    const compared = pairs(profile);
    const slowdown = usualSlowdown(compared.map(([base, other]) => other.durationMs / Math.max(1, base.durationMs)));
    return compared.flatMap(([base, other]) => compareRuns(base, other, slowdown));
  });
}

/** The median slowdown of one profile against the baseline, once enough checks ran to tell. */
function usualSlowdown(ratios: readonly number[]): number {
  if (ratios.length < 5) return DEFAULT_SLOWDOWN;
  const sorted = [...ratios].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? DEFAULT_SLOWDOWN;
}
