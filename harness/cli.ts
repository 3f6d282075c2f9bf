import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_SYSTEM, isSystemName, systemNames } from "../modules/index.ts";
import { parseFaults } from "../runtime/bus/faults/parse.ts";
import { runFuzz } from "./fuzz/run.ts";
import { renderHtml } from "./report/html.ts";
import type { RunReport } from "./report/model.ts";
import { progressPrinter } from "./report/progress.ts";
import { renderTable } from "./report/table.ts";
import { parseRunFlag } from "./run/flags.ts";
import { runHarness } from "./run/harness.ts";
import { isProfileName, type ProfileName, profileNames } from "./run/profiles.ts";
import { FailingSeeds, randomSeed } from "./run/seeds.ts";
import { systemChecks } from "./systems/index.ts";
import { registeredSystem } from "./topologies.ts";

const USAGE = `bun run harness [options]
  --system NAME    ${systemNames.join(", ")} (default ${DEFAULT_SYSTEM})
  --profile NAME   ${profileNames.join(", ")} (repeatable; default all)
  --suite TEXT     only suites whose name contains TEXT
  --grep REGEX     only checks matching "<suite> <check>"
  --seed N         the seed of every scheduling choice (default: saved failing seeds first, then a random one)
  --repeat N       N runs with seeds N, N+1, ...
  --faults SPEC    faults for every profile, after its own (runtime/bus/faults/), e.g. "lose-reply:payments@0.3,drop:*=200"
  --flag NAME=V    set feature flag NAME (on, off or a percentage 0..100) in every topology before the checks (repeatable)
  --flag-diff NAME run each profile twice, NAME off then on, and report the checks whose outcome, responses, events or state differ
  --skew M:V       run module M at contract version V in the split profile (repeatable), e.g. orders:1
  --report DIR     where report.json and report.html go (default .twofold/report, another system's .twofold/report-<system>)
  --json           print the JSON report(s) on stdout
  --fuzz N         instead: N fuzzed requests per profile against the public API (harness/fuzz/), with --seed or a random one`;

const { values } = parseArgs({
  options: {
    system: { type: "string", default: DEFAULT_SYSTEM },
    profile: { type: "string", multiple: true },
    suite: { type: "string" },
    grep: { type: "string" },
    seed: { type: "string" },
    repeat: { type: "string", default: "1" },
    report: { type: "string" },
    json: { type: "boolean", default: false },
    skew: { type: "string", multiple: true },
    faults: { type: "string" },
    fuzz: { type: "string" },
    flag: { type: "string", multiple: true },
    "flag-diff": { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const system = values.system;
if (!isSystemName(system)) {
  console.error(`bun run harness: unknown system "${system}": one of ${systemNames.join(", ")}`);
  process.exit(2);
}
const checks = systemChecks[system];
const underTest = registeredSystem(system);
/** Another system's seeds and reports are its own, beside the default system's. */
const own = (path: string) => (system === DEFAULT_SYSTEM ? path : `${path}-${system}`);
const profiles = values.profile ?? profileNames;
const skew = values.skew ?? [];
const unknown = profiles.filter((p) => !isProfileName(p));
const repeat = Number(values.repeat);
const badSkew = skew.some((s) => !/^[a-z][a-z0-9-]*:\d+$/.test(s));
const badFuzz = values.fuzz !== undefined && !/^[1-9]\d*$/.test(values.fuzz);
try {
  parseFaults(values.faults);
} catch (error) {
  console.error(`--faults: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
if (unknown.length || badSkew || badFuzz || !Number.isInteger(repeat) || repeat < 1 || (values.seed !== undefined && !/^\d+$/.test(values.seed))) {
  console.error(`${unknown.length ? `unknown profile(s): ${unknown.join(", ")}\n` : ""}${USAGE}`);
  process.exit(2);
}

const flags = (() => {
  try {
    if (values["flag-diff"] !== undefined) parseRunFlag(`${values["flag-diff"]}=on`, checks.flags);
    return (values.flag ?? []).map((written) => parseRunFlag(written, checks.flags));
  } catch (error) {
    console.error(`--flag: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
})();

/** Which seeds to run: the one given, or the ones that failed last time first, then fresh ones. */
async function seedsToRun(store: FailingSeeds): Promise<number[]> {
  if (values.seed !== undefined) return Array.from({ length: repeat }, (_, i) => Number(values.seed) + i);
  const saved = await store.load();
  if (saved.length) console.error(`replaying seeds that failed before: ${saved.join(", ")}`);
  const first = randomSeed();
  return [...saved, ...Array.from({ length: repeat }, (_, i) => first + i)];
}

// An interrupted run exits at once; the topologies it started are killed by their process groups' exit hooks.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

async function main(): Promise<number> {
  const store = new FailingSeeds(join(".twofold", `${own("failing-seeds")}.json`));
  const reportDir = values.report ?? join(".twofold", own("report"));
  const reports: RunReport[] = [];
  for (const seed of await seedsToRun(store)) {
    console.error(`── harness run, seed ${seed} ──`);
    const report = await runHarness({
      profiles: profiles as ProfileName[],
      suites: checks.suites,
      seed,
      faults: values.faults,
      flags,
      flagDiff: values["flag-diff"],
      systemFlags: checks.flags,
      modules: underTest.modules,
      system: underTest,
      invariants: checks.invariants,
      filter: { suite: values.suite, grep: values.grep ? new RegExp(values.grep, "i") : undefined },
      // Version skew: one module's processes write older contract versions while its consumers are current.
      env: skew.length ? { split: { TWOFOLD_SKEW: skew.join(",") } } : undefined,
      onProgress: progressPrinter(),
    });
    reports.push(report);
    await store.record(seed, report.findings > 0);
    mkdirSync(reportDir, { recursive: true });
    const name = reports.length > 1 || repeat > 1 ? `report-${seed}` : "report";
    await Bun.write(join(reportDir, `${name}.json`), JSON.stringify(report, null, 2));
    await Bun.write(join(reportDir, `${name}.html`), await renderHtml(report));
    (values.json ? console.error : console.log)(renderTable(report));
    console.error(`report: ${join(reportDir, `${name}.html`)}`);
  }
  if (values.json) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  const findings = reports.reduce((sum, r) => sum + r.findings, 0);
  if (reports.length > 1) console.error(`${reports.length} runs (seeds ${reports.map((r) => r.seed).join(", ")}): ${findings} finding(s) in total`);
  return findings > 0 ? 1 : 0;
}

if (values.fuzz !== undefined) {
  if (!checks.fuzz) {
    console.error(`bun run harness: the ${system} system has no fuzz target (harness/systems/${system}/)`);
    process.exit(2);
  }
  process.exit(
    await runFuzz({
      system: underTest,
      target: checks.fuzz,
      profiles: profiles as ProfileName[],
      runs: Number(values.fuzz),
      seed: values.seed !== undefined ? Number(values.seed) : randomSeed(),
    }),
  );
}
process.exit(await main());
