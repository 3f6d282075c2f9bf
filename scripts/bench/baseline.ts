import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Metric, Result } from "./metric.ts";

/** How far a compared number may move the wrong way before it counts as a regression: the machine's noise. */
export const NOISE_BAND = 0.25;

/** The committed numbers a run is compared with: per metric, its ratio (or machine-free value). */
export interface Baseline {
  readonly written: string;
  readonly compared: Readonly<Record<string, number>>;
}

export interface Comparison {
  readonly baseline: number;
  /** This run's compared number ÷ the baseline's. */
  readonly change: number;
  readonly regression: boolean;
}

export function readBaseline(file: string): Baseline | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Baseline;
  } catch {
    return undefined;
  }
}

export function writeBaseline(file: string, results: readonly Result[]): void {
  const compared = Object.fromEntries(results.flatMap((r) => (r.compared === null ? [] : [[r.id, Number(r.compared.toPrecision(4))]])));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ written: new Date().toISOString(), compared }, null, 2)}\n`);
}

/** A result against the baseline, when both have a number; worse by more than the noise band is a regression. */
export function compare(metric: Metric, result: Result, baseline: Baseline | undefined): Comparison | undefined {
  const base = baseline?.compared[metric.id];
  if (base === undefined || result.compared === null || base <= 0) return undefined;
  const change = result.compared / base;
  const regression = metric.better === "lower" ? change > 1 + NOISE_BAND : change < 1 - NOISE_BAND;
  return { baseline: base, change, regression };
}
