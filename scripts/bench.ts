import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname } from "node:path";
import { runMain } from "../runtime/cli/main.ts";
import { compare, NOISE_BAND, readBaseline, writeBaseline } from "./bench/baseline.ts";
import { Bench } from "./bench/context.ts";
import { ENV_DESCRIPTION } from "./bench/env.ts";
import { parseOptions } from "./bench/options.ts";
import { metrics } from "./bench/registry.ts";
import { table } from "./bench/report.ts";
import { runMetrics, select } from "./bench/run.ts";

/**
 * `bun run bench`: the one place performance numbers come from. This machine drifts, so each metric is
 * measured beside its raw floor in the same run and judged by the ratio; the metrics are listed once, in
 * scripts/bench/registry.ts. Prints a table, writes the JSON report, compares with the committed baseline and
 * exits 1 on a regression beyond the noise band (never with --short, which only proves every metric runs) or
 * when a metric could not be measured.
 */
async function runBench(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const selected = select(metrics, options.only);
  const began = performance.now();
  const log = (line: string) => console.error(`[bench +${((performance.now() - began) / 1000).toFixed(1)} s] ${line}`);
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  log(`${options.short ? "short" : "full"} run of ${selected.length} metrics; load average ${loadAtStart.toFixed(2)} on ${cpus().length} cores`);

  const bench = new Bench(options.sizes, log);
  const stopOnSignal = () => void bench.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  let results: Awaited<ReturnType<typeof runMetrics>>;
  try {
    results = await runMetrics(bench, selected);
  } finally {
    await bench.stop();
  }

  const baseline = readBaseline(options.baselineFile);
  const rows = results.map((result, i) => ({ result, comparison: compare(selected[i] as (typeof selected)[number], result, baseline) }));
  const { clients, loadSeconds } = options.sizes;
  console.log(`\n${table(rows)}\n`);
  console.log(`load: ${clients} clients × ${loadSeconds} s; processes ran with ${ENV_DESCRIPTION}.`);
  console.log(
    `baseline: ${baseline ? `${options.baselineFile} (${baseline.written}), noise band ±${NOISE_BAND * 100} %` : `none at ${options.baselineFile}`}`,
  );

  const failed = results.filter((r) => r.error);
  const regressions = rows.filter((r) => r.comparison?.regression).map((r) => r.result.id);
  mkdirSync(dirname(options.jsonFile), { recursive: true });
  writeFileSync(
    options.jsonFile,
    `${JSON.stringify(
      {
        startedAt,
        finishedAt: new Date().toISOString(),
        mode: options.short ? "short" : "full",
        sizes: options.sizes,
        env: ENV_DESCRIPTION,
        machine: { cpus: cpus().length, loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] ?? 0 } },
        metrics: Object.fromEntries(rows.map(({ result, comparison }) => [result.id, { ...result, baseline: comparison ?? null }])),
        regressions,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`report: ${options.jsonFile}`);
  if (options.writeBaseline) {
    writeBaseline(options.baselineFile, results);
    console.log(`baseline written: ${options.baselineFile}`);
  }
  if (failed.length > 0) console.log(`✖ not measured: ${failed.map((r) => `${r.id} (${r.error})`).join("; ")}`);
  if (regressions.length > 0)
    console.log(`${options.short ? "(short run, not failing) " : ""}⚠ regressions beyond ±${NOISE_BAND * 100} %: ${regressions.join(", ")}`);
  return failed.length > 0 || (!options.short && regressions.length > 0) ? 1 : 0;
}

// Exit at once, as before: a measurement's leftover handles must not keep a finished run alive.
await runMain("bun run bench", async () => process.exit(await runBench()));
