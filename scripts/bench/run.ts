import { UsageError } from "../../runtime/cli/command-line.ts";
import type { Bench, Resource } from "./context.ts";
import { evaluate, type Metric, type Result } from "./metric.ts";

const matches = (metric: Metric, only: string) => metric.id === only || metric.id.startsWith(`${only}.`);

/**
 * The metrics `only` names, by id or by prefix (`split` is every split.* metric), plus the metrics their
 * floors come from, in the registry's order (a floor's metric always comes before the metrics it is a floor
 * of); all when `only` is empty.
 */
export function select(metrics: readonly Metric[], only: readonly string[]): Metric[] {
  const unknown = only.filter((o) => !metrics.some((m) => matches(m, o)));
  if (unknown.length > 0) throw new UsageError(`--only: no metric ${unknown.join(", ")}; the metrics are: ${metrics.map((m) => m.id).join(", ")}`);
  const wanted = new Set(metrics.filter((m) => only.length === 0 || only.some((o) => matches(m, o))).map((m) => m.id));
  for (const metric of [...metrics].reverse()) if (wanted.has(metric.id) && metric.floorOf) wanted.add(metric.floorOf);
  for (const [index, metric] of metrics.entries()) {
    if (metric.floorOf && !metrics.slice(0, index).some((m) => m.id === metric.floorOf)) {
      throw new Error(`${metric.id}: its floor ${metric.floorOf} must be listed before it in the registry`);
    }
  }
  return metrics.filter((m) => wanted.has(m.id));
}

const withNeeds = (resources: readonly Resource<unknown>[]): string[] => resources.flatMap((r) => [r.name, ...withNeeds(r.needs ?? [])]);

/**
 * Measures each metric in turn. After each one, whatever no later metric uses is stopped, so a topology
 * never runs beside the next one's load.
 */
export async function runMetrics(bench: Bench, selected: readonly Metric[]): Promise<Result[]> {
  const results = new Map<string, Result>();
  for (const [index, metric] of selected.entries()) {
    bench.log(`measuring ${metric.id}`);
    const result = await evaluate(metric, bench, metric.floorOf ? results.get(metric.floorOf) : undefined);
    if (result.error) bench.log(`✖ ${metric.id}: ${result.error}`);
    results.set(metric.id, result);
    const later = new Set(selected.slice(index + 1).flatMap((m) => withNeeds(m.uses)));
    for (const name of bench.runningNames().reverse()) if (!later.has(name)) await bench.release(name);
  }
  return [...results.values()];
}
