import { type CommandSpec, UsageError } from "../../runtime/cli/command-line.ts";
import { commandLine } from "../../runtime/cli/main.ts";

/** How much each metric does: the full run's defaults, or `--short`'s, which only prove every metric runs. */
export interface Sizes {
  readonly loadSeconds: number;
  readonly warmupSeconds: number;
  readonly clients: number;
  /** Sequential checkouts on an idle system (and in process, for the SQL count). */
  readonly idleCheckouts: number;
  readonly sqlCheckouts: number;
  /** Microbenchmarks run value and floor in alternating batches, so drift hits both alike. */
  readonly batches: number;
  readonly memoryCalls: number;
  readonly wireCalls: number;
  readonly queries: number;
  readonly hops: number;
}

const FULL: Sizes = {
  loadSeconds: 30,
  warmupSeconds: 3,
  clients: 16,
  idleCheckouts: 30,
  sqlCheckouts: 30,
  batches: 7,
  memoryCalls: 5000,
  wireCalls: 300,
  queries: 500,
  hops: 100,
};
const SHORT: Sizes = {
  loadSeconds: 1,
  warmupSeconds: 0.3,
  clients: 2,
  idleCheckouts: 3,
  sqlCheckouts: 2,
  batches: 3,
  memoryCalls: 200,
  wireCalls: 20,
  queries: 20,
  hops: 5,
};

export interface BenchOptions {
  readonly sizes: Sizes;
  readonly short: boolean;
  /** Metric ids or prefixes (`split` selects every split.* metric); empty: all. */
  readonly only: readonly string[];
  readonly jsonFile: string;
  readonly baselineFile: string;
  readonly writeBaseline: boolean;
}

const spec = {
  usage: "bun run bench",
  summary:
    "Every performance number, each beside its raw floor measured in the same run; compares the ratios with the committed baseline and exits 1 on a regression or a metric that could not be measured.",
  options: {
    duration: { type: "string", value: "S", help: `seconds of load per topology (default ${FULL.loadSeconds}, --short ${SHORT.loadSeconds})` },
    clients: { type: "string", value: "N", help: `concurrent clients (default ${FULL.clients}, --short ${SHORT.clients})` },
    only: { type: "string", value: "ID,...", help: "metric ids or prefixes (the floors they need run too)" },
    short: { type: "boolean", default: false, help: "tiny sizes: proves every metric runs, never fails on targets or regressions" },
    json: { type: "string", value: "FILE", default: ".twofold/bench/latest.json", help: "where the JSON report goes" },
    baseline: { type: "string", value: "FILE", default: "scripts/bench/baseline.json", help: "the baseline to compare with" },
    "write-baseline": { type: "boolean", default: false, help: "after an intended change: write the baseline from this run" },
  },
  examples: ["bun run bench", "bun run bench --only split,call.wire", "bun run bench --duration 10 --clients 8", "bun run bench --short"],
} as const satisfies CommandSpec;

/** Reads the command line (`--help` prints the help and exits); a bad value is a UsageError. */
export function parseOptions(args: readonly string[]): BenchOptions {
  const { values } = commandLine(spec, args);
  const positive = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!(n > 0)) throw new UsageError(`--${name} must be a positive number, not "${raw}"`);
    return n;
  };
  if (values.short && values["write-baseline"])
    throw new UsageError("--write-baseline needs a full run: a --short run's numbers are too small to compare with");
  const defaults = values.short ? SHORT : FULL;
  return {
    sizes: {
      ...defaults,
      loadSeconds: positive("duration", values.duration) ?? defaults.loadSeconds,
      clients: Math.round(positive("clients", values.clients) ?? defaults.clients),
    },
    short: values.short,
    only: (values.only ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    jsonFile: values.json,
    baselineFile: values.baseline,
    writeBaseline: values["write-baseline"],
  };
}
