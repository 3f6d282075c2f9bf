import type { Finding } from "../../checkers/model.ts";
import type { RunReport } from "../model.ts";
import { badge, h } from "./dom.ts";
import type { CheckGroup } from "./groups.ts";

/** The invariants the system broke: one card per finding, by check and profile, then each profile's reconciliation. */

const findingLine = (f: Finding): HTMLElement =>
  h("span", {}, [
    h("code", {}, `${f.module} ${f.entity}`),
    " ",
    h("span", { "data-invariant-problem": "" }, f.problem),
    h("div", { class: "muted" }, f.invariant),
  ]);

export function invariantsSection(report: RunReport, groupOf: (suite: string, check: string) => CheckGroup): HTMLElement {
  const broken = report.checks.flatMap((run) => (run.invariants ?? []).map((finding) => ({ run, finding })));
  const reconciled = report.profiles.filter((p) => p.reconciliation);
  return h("section", { id: "invariants" }, [
    h("h2", {}, `Invariants broken (${broken.length})`),
    broken.length
      ? broken.map(({ run, finding }) => {
          const group = groupOf(run.suite, run.check);
          return h(
            "article",
            { class: "panel divergence", "data-invariant": finding.invariant, "data-finding-kind": finding.kind, "data-profile": run.profile },
            [
              h("header", {}, [
                badge(finding.kind, "fail"),
                h("a", { href: `#check-${group.index}` }, h("strong", {}, group.key)),
                h("span", { class: "muted" }, run.profile),
              ]),
              findingLine(finding),
            ],
          );
        })
      : h("p", { class: "muted" }, reconciled.length ? "No invariant broken after any check." : "The system declares no invariants."),
    reconciled.map((p) => {
      const r = p.reconciliation;
      if (!r) return null;
      const all = [...r.lost, ...r.doubled, ...r.stuck];
      return h("div", { class: "panel", "data-reconciliation": p.profile, style: "margin-bottom: 12px" }, [
        h("strong", {}, `Reconciliation of ${p.profile}: `),
        h(
          "span",
          { "data-counts": `${r.lost.length} ${r.doubled.length} ${r.stuck.length}` },
          `${r.lost.length} lost, ${r.doubled.length} doubled, ${r.stuck.length} stuck`,
        ),
        r.late ? h("span", { class: "muted" }, ` (${r.late} found only at the end)`) : null,
        all.length
          ? h(
              "ul",
              {},
              all.map((f) => h("li", {}, [badge(f.kind, "fail"), " ", findingLine(f)])),
            )
          : null,
      ]);
    }),
  ]);
}
