import { parseArgs } from "node:util";

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

const USAGE = `usage: bun run bench [--duration S] [--clients N] [--only id,...] [--short] [--json FILE] [--baseline FILE] [--write-baseline]`;

export function parseOptions(args: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      duration: { type: "string" },
      clients: { type: "string" },
      only: { type: "string" },
      short: { type: "boolean", default: false },
      json: { type: "string", default: ".twofold/bench/latest.json" },
      baseline: { type: "string", default: "scripts/bench/baseline.json" },
      "write-baseline": { type: "boolean", default: false },
    },
  });
  const positive = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number, not ${raw}\n${USAGE}`);
    return n;
  };
  if (values.short && values["write-baseline"])
    throw new Error("--write-baseline needs a full run: a --short run's numbers are too small to compare with");
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
