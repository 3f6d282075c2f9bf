import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SYSTEM, systemNames, systems } from "../modules/index.ts";
import { parseFaults } from "../runtime/bus/faults/parse.ts";
import { skewPair } from "../runtime/bus/skew.ts";
import { type CommandSpec, oneOf, UsageError, wholeNumber } from "../runtime/cli/command-line.ts";
import { commandLine, EXIT, runMain } from "../runtime/cli/main.ts";
import { crashSweepSuite } from "./checkers/crash-sweep.ts";
import { runFuzz } from "./fuzz/run.ts";
import { nemesisSettings } from "./nemesis/process.ts";
import { renderHtml } from "./report/html.ts";
import type { RunReport } from "./report/model.ts";
import { progressPrinter } from "./report/progress.ts";
import { renderTable } from "./report/table.ts";
import { clockSweep } from "./run/clock-sweep.ts";
import { parseRunFlag, type RunFlag } from "./run/flags.ts";
import { runHarness } from "./run/harness.ts";
import { defaultProfileNames, profileNames } from "./run/profiles.ts";
import { FailingSeeds, randomSeed } from "./run/seeds.ts";
import { SOAK_TIMEOUT_MS, soakSuite } from "./soak/soak.ts";
import type { Suite } from "./suite.ts";
import { systemChecks } from "./systems/index.ts";
import { registeredSystem } from "./topologies.ts";

const PROGRAM = "bun run harness";

const spec = {
  usage: PROGRAM,
  summary:
    "Runs every behaviour suite and YAML flow of a system against each profile, diffs what each did and reports (terminal, report.json, report.html). Exit 1 when there are findings.",
  options: {
    system: { type: "string", value: "NAME", default: DEFAULT_SYSTEM, help: `the system: ${systemNames.join(", ")}` },
    profile: { type: "string", value: "NAME", multiple: true, help: `${profileNames.join(", ")} (default: ${defaultProfileNames.join(", ")})` },
    suite: { type: "string", value: "TEXT", help: "only suites whose name contains TEXT" },
    grep: { type: "string", value: "REGEX", help: 'only checks matching "<suite> <check>"' },
    seed: { type: "string", value: "N", help: "the seed of every scheduling choice (default: saved failing seeds first, then a random one)" },
    repeat: { type: "string", value: "N", default: "1", help: "N runs with seeds N, N+1, ..." },
    jobs: {
      type: "string",
      value: "N",
      default: "3",
      help: "profiles run at once (default 3; --jobs 1 when a timing divergence needs a machine the other profiles do not load)",
    },
    faults: {
      type: "string",
      value: "SPEC",
      help: 'faults for every profile, after its own (runtime/bus/faults/), e.g. "lose-reply:payments@0.3,drop:*=200"',
    },
    flag: {
      type: "string",
      value: "NAME=V",
      multiple: true,
      help: "set feature flag NAME (on, off or a percentage 0..100) in every topology before the checks",
    },
    "clock-sweep": {
      type: "string",
      value: "MS",
      help: "one run per module: its clock MS ahead and the next module's MS behind (the clock: fault), every suite each time",
    },
    "crash-sweep": {
      type: "boolean",
      default: false,
      help: "instead of the suites: the system's crash journey once per crash point of its modules (after-handler, before-commit, before-relay, after-reply)",
    },
    "flag-diff": {
      type: "string",
      value: "NAME",
      help: "run each profile twice, NAME off then on, and report the checks whose outcome, responses, events or state differ",
    },
    skew: {
      type: "string",
      value: "M:V",
      multiple: true,
      help: "run module M at contract version V in the split profile: orders:1 (an older message version), users:2.0.0 (a release's migration)",
    },
    report: {
      type: "string",
      value: "DIR",
      help: "where report.json and report.html go (default .twofold/report, another system's .twofold/report-<system>)",
    },
    json: { type: "boolean", default: false, help: "print the JSON report(s) on stdout" },
    soak: {
      type: "string",
      value: "N",
      help: "instead: N checkouts at once (200 is the issue's) while the nemesis kills a service every 1.5 s and restarts Redis once; profile split unless given",
    },
    fuzz: {
      type: "string",
      value: "N",
      help: "instead: N fuzzed requests per profile against the public API (harness/fuzz/), with --seed or a random one",
    },
  },
  examples: [
    `${PROGRAM}`,
    `${PROGRAM} --profile monolith --suite "Bad input"`,
    `${PROGRAM} --faults "latency:payments=300" --seed 42`,
    `${PROGRAM} --jobs 1 --grep checkout`,
    `${PROGRAM} --clock-sweep 300000 --profile monolith`,
    `${PROGRAM} --crash-sweep --profile split`,
    `${PROGRAM} --soak 200`,
    `${PROGRAM} --flag-diff new_pricing --profile monolith`,
    `${PROGRAM} --fuzz 200 --profile split`,
  ],
} as const satisfies CommandSpec;

/** Everything the command line says, checked: a bad value is a UsageError (exit 2) before anything starts. */
function readCommandLine(argv: readonly string[]) {
  const { values } = commandLine(spec, argv);
  const system = oneOf("system", values.system, systemNames);
  const checks = systemChecks[system];
  const profiles = (values.profile ?? (values.soak === undefined ? defaultProfileNames : ["split"])).map((p) => oneOf("profile", p, profileNames));
  const skew = values.skew ?? [];
  const badSkew = skew.find((s) => !skewPair.test(s));
  if (badSkew !== undefined) throw new UsageError(`--skew takes MODULE:VERSION (orders:1, users:2.0.0), not "${badSkew}"`);
  const guard = <T>(option: string, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new UsageError(`--${option}: ${error instanceof Error ? error.message : error}`);
    }
  };
  guard("faults", () => parseFaults(values.faults));
  const flagDiff = values["flag-diff"];
  if (flagDiff !== undefined) guard("flag-diff", () => parseRunFlag(`${flagDiff}=on`, checks.flags));
  const flags: RunFlag[] = guard("flag", () => (values.flag ?? []).map((written) => parseRunFlag(written, checks.flags)));
  if (values["crash-sweep"] && !checks.crashJourney) throw new UsageError(`the ${system} system has no crash journey (harness/systems/${system}/)`);
  if (values.soak !== undefined && !checks.soak) throw new UsageError(`the ${system} system has no soak driver (harness/systems/${system}/)`);
  if (values.fuzz !== undefined && !checks.fuzz) throw new UsageError(`the ${system} system has no fuzz target (harness/systems/${system}/)`);
  return {
    ...values,
    system,
    checks,
    profiles,
    skew,
    flags,
    repeat: wholeNumber("repeat", values.repeat, 1),
    jobs: wholeNumber("jobs", values.jobs, 1),
    seed: values.seed === undefined ? undefined : wholeNumber("seed", values.seed),
    fuzz: values.fuzz === undefined ? undefined : wholeNumber("fuzz", values.fuzz, 1),
    soak: values.soak === undefined ? undefined : wholeNumber("soak", values.soak, 1),
    clockSweep: values["clock-sweep"] === undefined ? undefined : wholeNumber("clock-sweep", values["clock-sweep"], 1),
  };
}
type Run = ReturnType<typeof readCommandLine>;

/** What a run runs: the system's suites, or instead the crash sweep or the soak generated for it (both under the nemesis). */
function planOf(run: Run): { suites: readonly Suite[]; underNemesis: boolean; checkTimeoutMs?: number } {
  const modules = systems[run.system].definition.modules;
  if (run["crash-sweep"] && run.checks.crashJourney) return { suites: [crashSweepSuite(modules, run.checks.crashJourney)], underNemesis: true };
  if (run.soak !== undefined && run.checks.soak) {
    const suite = soakSuite(
      run.checks.soak,
      run.soak,
      modules.map((m) => m.name),
    );
    return { suites: [suite], underNemesis: true, checkTimeoutMs: SOAK_TIMEOUT_MS };
  }
  return { suites: run.checks.suites, underNemesis: false };
}

/** Which seeds to run: the one given, or the ones that failed last time first, then fresh ones. */
async function seedsToRun(run: Run, store: FailingSeeds): Promise<number[]> {
  const { seed, repeat } = run;
  if (seed !== undefined) return Array.from({ length: repeat }, (_, i) => seed + i);
  const saved = await store.load();
  if (saved.length) console.error(`replaying seeds that failed before: ${saved.join(", ")}`);
  const first = randomSeed();
  return [...saved, ...Array.from({ length: repeat }, (_, i) => first + i)];
}

async function runChecks(run: Run): Promise<number> {
  const underTest = registeredSystem(run.system);
  /** Another system's seeds and reports are its own, beside the default system's. */
  const own = (path: string) => (run.system === DEFAULT_SYSTEM ? path : `${path}-${run.system}`);
  const store = new FailingSeeds(join(".twofold", `${own("failing-seeds")}.json`));
  const reportDir = run.report ?? join(".twofold", own("report"));
  const reports: RunReport[] = [];
  const plan = planOf(run);
  const sweep = run.clockSweep === undefined ? [undefined] : clockSweep(underTest.modules, run.clockSweep);
  for (const [seed, skew] of (await seedsToRun(run, store)).flatMap((seed) => sweep.map((skew) => [seed, skew] as const))) {
    console.error(`── harness run, seed ${seed}${skew ? `, ${skew.faults}` : ""} ──`);
    const report = await runHarness({
      profiles: run.profiles,
      suites: plan.suites,
      checkTimeoutMs: plan.checkTimeoutMs,
      compare: !plan.underNemesis,
      seed,
      jobs: run.jobs,
      faults: [run.faults, skew?.faults].filter(Boolean).join(",") || undefined,
      flags: run.flags,
      flagDiff: run["flag-diff"],
      systemFlags: run.checks.flags,
      modules: underTest.modules,
      system: underTest,
      systemName: run.system,
      invariants: run.checks.invariants,
      filter: { suite: run.suite, grep: run.grep ? new RegExp(run.grep, "i") : undefined },
      // Version skew: one module's processes write older contract versions while its consumers are current.
      env: {
        ...(plan.underNemesis ? Object.fromEntries(run.profiles.map((p) => [p, nemesisSettings])) : {}),
        ...(run.skew.length ? { split: { TWOFOLD_SKEW: run.skew.join(",") } } : {}),
      },
      onProgress: progressPrinter(),
    });
    reports.push(report);
    await store.record(seed, report.findings > 0);
    mkdirSync(reportDir, { recursive: true });
    const name = reports.length > 1 || run.repeat > 1 || skew ? `report-${seed}${skew ? `-${skew.label}` : ""}` : "report";
    await Bun.write(join(reportDir, `${name}.json`), JSON.stringify(report, null, 2));
    await Bun.write(join(reportDir, `${name}.html`), await renderHtml(report));
    (run.json ? console.error : console.log)(renderTable(report));
    console.error(`report: ${join(reportDir, `${name}.html`)}`);
  }
  if (run.json) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  const findings = reports.reduce((sum, r) => sum + r.findings, 0);
  if (reports.length > 1) console.error(`${reports.length} runs (seeds ${reports.map((r) => r.seed).join(", ")}): ${findings} finding(s) in total`);
  return findings > 0 ? EXIT.findings : EXIT.ok;
}

// An interrupted run exits at once; the topologies it started are killed by their process groups' exit hooks.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

await runMain(PROGRAM, async () => {
  const run = readCommandLine(process.argv.slice(2));
  const { fuzz, checks } = run;
  const code =
    fuzz !== undefined && checks.fuzz
      ? await runFuzz({
          system: registeredSystem(run.system),
          target: checks.fuzz,
          profiles: run.profiles,
          runs: fuzz,
          seed: run.seed ?? randomSeed(),
        })
      : await runChecks(run);
  // Exit at once: a topology's leftover handles must not keep a finished run alive.
  process.exit(code);
});
