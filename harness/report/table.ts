import { findingKinds } from "../checkers/model.ts";
import type { CheckRun, ProfileSummary, RunReport } from "./model.ts";

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
/** `0 lost, 1 doubled, 0 stuck` for a profile the reconciliation checker read. */
const accounting = (p: ProfileSummary) =>
  p.reconciliation ? `; reconciled: ${findingKinds.map((kind) => `${p.reconciliation?.[kind].length} ${kind}`).join(", ")}` : "";
const cell = (run: CheckRun | undefined) =>
  run ? (run.skipped ? "skipped".padEnd(11) : `${run.passed ? "✓" : "✗"} ${run.durationMs.toFixed(0).padStart(6)} ms`) : "—";

/** The run as a terminal table (checks × profiles), then failures, then divergences with their first divergent step. */
export function renderTable(report: RunReport): string {
  const profiles = report.profiles.map((p) => p.profile);
  const keys = [...new Map(report.checks.map((c) => [`${c.suite} › ${c.check}`, c])).keys()];
  const width = Math.min(72, Math.max(24, ...keys.map((k) => k.length)));
  // A flag diff's runs are called "<profile> <flag>=on": wide enough to read.
  const column = Math.max(15, ...profiles.map((p) => p.length));
  const runOf = (key: string, profile: string) => report.checks.find((c) => `${c.suite} › ${c.check}` === key && c.profile === profile);
  // In a flag diff every divergence is the flag's effect: the column shows which checks it changes.
  const divergent = new Set(report.divergences.filter((d) => !d.known || report.flagDiff).map((d) => `${d.suite} › ${d.check}`));
  const lines = [
    `${pad(report.system ? `${report.system} checks` : "check", width)}  ${profiles.map((p) => pad(p, column)).join("  ")}  diverges`,
    `${"─".repeat(width)}  ${profiles.map(() => "─".repeat(column)).join("  ")}  ────────`,
    ...keys.map(
      (key) => `${pad(key, width)}  ${profiles.map((p) => pad(cell(runOf(key, p)), column)).join("  ")}  ${divergent.has(key) ? "YES" : ""}`,
    ),
    "",
    ...report.profiles.map(
      (p) =>
        `${p.profile}: ready in ${p.startupMs.toFixed(0)} ms, checks took ${p.wallMs.toFixed(0)} ms (${p.passed} passed, ${p.failed} failed${p.skipped ? `, ${p.skipped} skipped` : ""})${accounting(p)}`,
    ),
  ];
  const failed = report.checks.filter((c) => !c.passed);
  if (failed.length) {
    lines.push("", "Failures:");
    for (const run of failed)
      lines.push(`✗ [${run.profile}] ${run.suite} › ${run.check}`, `    ${(run.error ?? "").split("\n").slice(0, 6).join("\n    ")}`);
  }
  const skipped = report.checks.filter((c) => c.skipped);
  if (skipped.length) {
    lines.push("", "Skipped:");
    for (const run of skipped) lines.push(`- [${run.profile}] ${run.suite} › ${run.check}: ${run.skipped}`);
  }
  const warned = report.checks.filter((c) => c.warnings.length);
  for (const run of warned) lines.push(`⚠ [${run.profile}] ${run.suite} › ${run.check}: ${run.warnings.join("; ")}`);
  if (report.divergences.length) {
    lines.push("", "Divergences:");
    for (const d of report.divergences) {
      lines.push(`${d.known ? "•" : "✗"} ${d.kind.padEnd(8)} ${d.profiles[0]} vs ${d.profiles[1]}  ${d.suite} › ${d.check}`, `    ${d.summary}`);
      if (d.firstDivergentStep)
        lines.push(
          `    first divergent step #${d.firstDivergentStep.index + 1}:`,
          `      ${d.profiles[0]}: ${d.firstDivergentStep.baseline.slice(0, 200)}`,
          `      ${d.profiles[1]}: ${d.firstDivergentStep.other.slice(0, 200)}`,
        );
      if (d.known) lines.push(`    known by design (${d.known.id}): ${d.known.reason}`);
    }
  }
  const broken = report.checks.flatMap((run) => (run.invariants ?? []).map((finding) => ({ run, finding })));
  if (broken.length) {
    lines.push("", "Invariants broken:");
    for (const { run, finding } of broken)
      lines.push(
        `✗ ${finding.kind.padEnd(8)} [${run.profile}] ${run.suite} › ${run.check}`,
        `    ${finding.invariant}: ${finding.module} ${finding.entity}: ${finding.problem}`,
      );
  }
  for (const p of report.profiles) {
    const found = findingKinds.flatMap((kind) => p.reconciliation?.[kind] ?? []);
    if (found.length)
      lines.push(
        "",
        `Reconciliation of ${p.profile}:`,
        ...found.map((f) => `  ${f.kind.padEnd(8)} ${f.module} ${f.entity}: ${f.problem} (${f.invariant})`),
      );
  }
  const known = report.divergences.filter((d) => d.known).length;
  lines.push(
    "",
    `${report.system ? `${report.system}: ` : ""}seed ${report.seed}${report.faults ? ` with faults ${report.faults}` : ""}${report.flags ? ` with flags ${report.flags.join(", ")}` : ""}${report.flagDiff ? `, ${report.flagDiff} off against on` : ""}: ${keys.length} checks × ${profiles.length} profiles in ${(report.wallMs / 1000).toFixed(1)} s — ${failed.length} failed, ${report.divergences.length - known} divergences, ${known} known by design, ${broken.length} invariants broken → ${report.findings === 0 ? "no findings" : `${report.findings} finding(s)`}`,
  );
  return lines.join("\n");
}
