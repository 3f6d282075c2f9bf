import type { Comparison } from "./baseline.ts";
import type { Result } from "./metric.ts";

const num = (n: number): string => {
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toPrecision(2);
};

const cell = (n: number | null, unit = ""): string => (n === null ? "—" : `${num(n)}${unit ? ` ${unit}` : ""}`);

const verdict = (r: Result): string => (r.error ? "✖ failed" : r.met === null ? "" : r.met ? "✔" : "✘ missed");

const versus = (c: Comparison | undefined): string =>
  c ? `${num(c.baseline)} → ${c.change >= 1 ? "+" : ""}${((c.change - 1) * 100).toFixed(0)} %${c.regression ? " ⚠ regression" : ""}` : "—";

/** The results as a Markdown table: value, its floor, the ratio, the target and whether it is met, and the baseline. */
export function table(rows: readonly { result: Result; comparison?: Comparison }[]): string {
  const lines = [
    "| metric | value | floor | ratio | target | met | baseline (compared) → change |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ result: r, comparison }) =>
        `| ${r.label} \`${r.id}\` | ${cell(r.value, r.unit)} | ${r.floorLabel ? `${cell(r.floor, r.unit)} (${r.floorLabel})` : "—"} | ${r.ratio === null ? "—" : `${num(r.ratio)}×`} | ${r.target ?? "—"} | ${verdict(r)} | ${versus(comparison)} |`,
    ),
  ];
  return lines.join("\n");
}
