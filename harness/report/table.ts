import type { CheckResult } from "../runner.ts";

export interface ProfileRun {
  readonly profile: string;
  readonly startupMs: number;
  readonly wallMs: number;
  readonly results: readonly CheckResult[];
}

export interface Comparison {
  readonly rows: readonly { suite: string; check: string; cells: (CheckResult | undefined)[]; agree: boolean }[];
  readonly failures: number;
  readonly disagreements: number;
}

/** Lines up every check across profiles; a check agrees when it has the same outcome everywhere. */
export function compare(runs: readonly ProfileRun[]): Comparison {
  const keys = new Map<string, { suite: string; check: string }>();
  for (const run of runs) for (const r of run.results) keys.set(`${r.suite}\u0000${r.check}`, { suite: r.suite, check: r.check });
  const rows = [...keys.values()].map(({ suite, check }) => {
    const cells = runs.map((run) => run.results.find((r) => r.suite === suite && r.check === check));
    const outcomes = new Set(cells.map((c) => c?.passed));
    return { suite, check, cells, agree: outcomes.size === 1 };
  });
  return {
    rows,
    failures: rows.reduce((n, row) => n + row.cells.filter((c) => !c?.passed).length, 0),
    disagreements: rows.filter((row) => !row.agree).length,
  };
}

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
const cell = (result: CheckResult | undefined) =>
  result ? `${result.passed ? "✓" : "✗"} ${result.durationMs.toFixed(0).padStart(6)} ms` : "—";

/** One table: each check × each profile with its timing, then failures and disagreements spelled out. */
export function renderTable(runs: readonly ProfileRun[]): string {
  const { rows, failures, disagreements } = compare(runs);
  const width = Math.min(70, Math.max(20, ...rows.map((r) => `${r.suite} › ${r.check}`.length)));
  const lines = [
    `${pad("check", width)}  ${runs.map((r) => pad(r.profile, 12)).join("  ")}  agree`,
    `${"─".repeat(width)}  ${runs.map(() => "─".repeat(12)).join("  ")}  ─────`,
    ...rows.map((row) => `${pad(`${row.suite} › ${row.check}`, width)}  ${row.cells.map((c) => pad(cell(c), 12)).join("  ")}  ${row.agree ? "yes" : "NO"}`),
    "",
    ...runs.map((r) => `${r.profile}: started in ${r.startupMs.toFixed(0)} ms, suites took ${r.wallMs.toFixed(0)} ms`),
  ];
  for (const row of rows) {
    row.cells.forEach((c, i) => {
      if (c && !c.passed) lines.push(`✗ [${runs[i]?.profile}] ${row.suite} › ${row.check}\n    ${c.error?.split("\n").join("\n    ")}`);
    });
  }
  lines.push("", `${rows.length} checks × ${runs.length} profiles: ${failures} failed, ${disagreements} disagree`);
  return lines.join("\n");
}
