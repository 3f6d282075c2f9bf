import type { CheckRun, Divergence, RunReport } from "../model.ts";

/** A divergence with its position in the report, which the page links to (#divergence-<index>). */
export type IndexedDivergence = Divergence & { readonly index: number };

type CheckStatus = "fail" | "divergent" | "known" | "pass";

/** One check across profiles: its run per profile and its divergences. */
export interface CheckGroup {
  readonly key: string;
  readonly suite: string;
  readonly check: string;
  /** Report order, for #check-<index> links. */
  readonly index: number;
  readonly runs: Record<string, CheckRun>;
  readonly divergences: IndexedDivergence[];
  status: CheckStatus;
}

export interface ReportModel {
  readonly groups: CheckGroup[];
  readonly divergences: IndexedDivergence[];
  readonly groupOf: (d: Divergence) => CheckGroup;
  readonly groupFor: (suite: string, check: string) => CheckGroup;
}

/** Groups runs by check (report order) and divergences by check, and gives each check its status (a broken invariant fails it). */
export function groupChecks(report: RunReport, profiles: readonly string[]): ReportModel {
  const groups = new Map<string, CheckGroup>();
  const groupFor = (suite: string, check: string): CheckGroup => {
    const key = `${suite} › ${check}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, suite, check, index: groups.size, runs: {}, divergences: [], status: "pass" };
      groups.set(key, group);
    }
    return group;
  };
  report.checks.forEach((run) => {
    groupFor(run.suite, run.check).runs[run.profile] = run;
  });
  const divergences = report.divergences.map((d, index) => ({ ...d, index }));
  for (const d of divergences) groupFor(d.suite, d.check).divergences.push(d);
  groups.forEach((g) => {
    const runs = profiles.flatMap((p) => g.runs[p] ?? []);
    g.status = runs.some((r) => !r.passed || r.invariants?.length)
      ? "fail"
      : g.divergences.some((d) => !d.known)
        ? "divergent"
        : g.divergences.length
          ? "known"
          : "pass";
  });
  return { groups: [...groups.values()], divergences, groupOf: (d) => groupFor(d.suite, d.check), groupFor };
}
