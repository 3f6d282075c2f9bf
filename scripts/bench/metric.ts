import type { Bench, Resource } from "./context.ts";

/** What one metric measured in this run: its value and, where it has one, the raw floor measured beside it. */
interface Measurement {
  readonly value: number;
  readonly floor?: number;
}

/** A goal from the issue; `on: "ratio"` when the goal is the ratio to the floor rather than the value. */
interface Target {
  readonly on: "value" | "ratio";
  readonly op: "<=" | ">=";
  readonly limit: number;
}

/**
 * One number the bench reports. Absolute times drift with the machine, so a metric that has a floor is judged
 * against the baseline by its ratio value ÷ floor, measured in the same run; one without a floor only when its
 * value does not depend on the machine (`machineFree`: counts, ratios of two topologies).
 */
export interface Metric {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  /** What the floor is, when the metric has one. */
  readonly floor?: string;
  /** The metric whose value is this one's floor (the monolith's, for a split metric); measured first. */
  readonly floorOf?: string;
  readonly better: "lower" | "higher";
  readonly target?: Target;
  readonly machineFree?: true;
  /** What it needs running; each is stopped after the last metric of the run that uses it. */
  readonly uses: readonly Resource<unknown>[];
  readonly measure: (bench: Bench) => Promise<Measurement>;
}

/** A metric's outcome in one run, as printed and written to the JSON report. */
export interface Result {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number | null;
  readonly floor: number | null;
  /** What the floor is. */
  readonly floorLabel: string | null;
  readonly ratio: number | null;
  readonly target: string | null;
  /** Whether the target is met; null without a target or a value. */
  readonly met: boolean | null;
  /** What the baseline compares: the ratio, the value (machine-free metrics), or nothing. */
  readonly compared: number | null;
  readonly error?: string;
}

const ratioOf = (m: Measurement): number | null => (m.floor !== undefined && m.floor > 0 ? m.value / m.floor : null);

const describeTarget = (t: Target, unit: string): string => `${t.op === "<=" ? "≤" : "≥"} ${t.limit}${t.on === "ratio" ? "×" : ` ${unit}`}`;

/**
 * Measures one metric and judges it against its target; a failure is reported, not thrown. `floorResult` is
 * the result of the metric named by `floorOf`.
 */
export async function evaluate(metric: Metric, bench: Bench, floorResult?: Result): Promise<Result> {
  const base = {
    id: metric.id,
    label: metric.label,
    unit: metric.unit,
    floorLabel: metric.floor ?? null,
    target: metric.target ? describeTarget(metric.target, metric.unit) : null,
  };
  try {
    if (metric.floorOf && floorResult?.value == null) throw new Error(`its floor ${metric.floorOf} was not measured`);
    const measured = await metric.measure(bench);
    const m = floorResult?.value != null ? { value: measured.value, floor: floorResult.value } : measured;
    const ratio = ratioOf(m);
    const judged = metric.target?.on === "ratio" ? ratio : m.value;
    const met =
      metric.target && judged !== null && Number.isFinite(judged)
        ? metric.target.op === "<="
          ? judged <= metric.target.limit
          : judged >= metric.target.limit
        : null;
    const compared = metric.floor !== undefined ? ratio : metric.machineFree ? m.value : null;
    return { ...base, value: m.value, floor: m.floor ?? null, ratio, met, compared };
  } catch (error) {
    return {
      ...base,
      value: null,
      floor: null,
      ratio: null,
      met: null,
      compared: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
