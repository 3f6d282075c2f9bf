import type { RunReport } from "../model.ts";
import { badge, fmtMs, h, pretty } from "./dom.ts";
import type { CheckGroup, IndexedDivergence, ReportModel } from "./groups.ts";

/** The top of the HTML report: the summary with its verdict, the divergences (findings before known ones), and the checks × profiles matrix. */

export function summarySection(report: RunReport, groups: readonly CheckGroup[], profiles: readonly string[]): HTMLElement {
  const failedRuns = report.checks.filter((c) => !c.passed).length;
  const known = report.divergences.filter((d) => d.known).length;
  const unexpected = report.divergences.length - known;
  const broken = report.checks.reduce((sum, c) => sum + (c.invariants?.length ?? 0), 0);
  const reconciled = report.profiles.some((p) => p.reconciliation);
  const ok = report.findings === 0;
  return h("section", { id: "summary", "data-verdict": ok ? "pass" : "fail" }, [
    h("h1", report.system ? { "data-system": report.system } : {}, report.system ? `twofold run report · ${report.system}` : "twofold run report"),
    h("p", { class: "muted" }, ["started ", report.startedAt, " · seed ", h("code", {}, report.seed), " · report v", report.version]),
    h("div", { class: `panel verdict ${ok ? "pass" : "fail"}`, id: "verdict" }, [
      h("span", { class: "word" }, ok ? "PASS" : "FAIL"),
      h(
        "span",
        {},
        ok
          ? `No findings${known ? `: the only differences are ${known} known by design.` : ": every profile passed and agreed."}`
          : `${report.findings} ${report.findings === 1 ? "finding" : "findings"}: ${failedRuns} failed check runs, ${unexpected} unexpected divergences, ${broken} broken invariants.`,
      ),
    ]),
    h("div", { class: "facts" }, [
      fact(groups.length, "checks"),
      fact(profiles.length, "profiles"),
      fact(report.findings, "findings", "data-findings"),
      fact(report.divergences.length, "divergences"),
      fact(known, "known by design", "data-known-count"),
      fact(broken, "invariants broken", "data-invariants-broken"),
      fact(fmtMs(report.wallMs), "wall time"),
    ]),
    h("table", { id: "profiles" }, [
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["profile", "startup", "wall", "passed", "failed", ...(reconciled ? ["lost", "doubled", "stuck"] : [])].map((t, i) =>
            h("th", { class: i ? "num" : "" }, t),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        report.profiles.map((p) =>
          h("tr", { "data-profile": p.profile }, [
            h("td", {}, h("strong", {}, p.profile)),
            h("td", { class: "num" }, fmtMs(p.startupMs)),
            h("td", { class: "num" }, fmtMs(p.wallMs)),
            h("td", { class: "num cell-pass" }, p.passed),
            h("td", { class: `num ${p.failed ? "cell-fail" : "muted"}` }, p.failed),
            reconciled
              ? [p.reconciliation?.lost, p.reconciliation?.doubled, p.reconciliation?.stuck].map((found) =>
                  h("td", { class: `num ${found?.length ? "cell-fail" : "muted"}` }, found ? found.length : "—"),
                )
              : null,
          ]),
        ),
      ),
    ]),
  ]);
}

function fact(value: string | number, label: string, attr?: string): HTMLElement {
  const attrs: Record<string, string | number> = {};
  if (attr) attrs[attr] = value;
  return h("div", attrs, [h("b", {}, value), h("span", {}, label)]);
}

function divergenceCard(d: IndexedDivergence, group: CheckGroup): HTMLElement {
  const step = d.firstDivergentStep;
  return h(
    "article",
    {
      class: `panel divergence${d.known ? " is-known" : ""}`,
      id: `divergence-${d.index}`,
      "data-divergence": d.index,
      "data-kind": d.kind,
      "data-known": d.known ? "true" : "false",
      "data-check": group.key,
    },
    [
      h("header", {}, [
        badge(d.kind, d.known ? "known" : "fail", { "data-divergence-kind": d.kind }),
        h("a", { href: `#check-${group.index}` }, h("strong", {}, group.key)),
        h("span", { class: "muted" }, `${d.profiles[0]} (baseline) vs ${d.profiles[1]}`),
        d.known ? badge("known by design", "known") : badge("finding", "fail"),
      ]),
      h("p", { class: "summary-text", "data-divergence-summary": "" }, d.summary),
      step
        ? h("div", { "data-first-step": step.index }, [
            h("h3", {}, `first divergent step: #${step.index}`),
            h("div", { class: "split-pair" }, [
              h("div", {}, [h("div", { class: "label" }, d.profiles[0]), h("pre", {}, step.baseline)]),
              h("div", {}, [h("div", { class: "label" }, d.profiles[1]), h("pre", {}, step.other)]),
            ]),
          ])
        : null,
      d.known
        ? h("div", { class: "reason", "data-known-reason": d.known.id }, [
            h("strong", {}, "Known by design"),
            " (",
            h("code", {}, d.known.id),
            "): ",
            d.known.reason,
          ])
        : null,
      d.details === undefined ? null : h("details", {}, [h("summary", { class: "muted" }, "details"), h("pre", {}, pretty(d.details, 20000))]),
    ],
  );
}

export function divergencesSection(divergences: readonly IndexedDivergence[], groupOf: ReportModel["groupOf"]): HTMLElement {
  const ordered = divergences.slice().sort((a, b) => Number(!!a.known) - Number(!!b.known) || a.index - b.index);
  return h("section", { id: "divergences" }, [
    h("h2", {}, `Divergences (${divergences.length})`),
    ordered.length
      ? ordered.map((d) => divergenceCard(d, groupOf(d)))
      : h("p", { class: "muted" }, "No divergences: every profile behaved the same."),
  ]);
}

/** The checks grouped under the run's system, when the run names one. */
export function matrixSection(groups: readonly CheckGroup[], profiles: readonly string[], system?: string): HTMLElement {
  return h("section", { id: "matrix" }, [
    h("h2", {}, "Checks × profiles"),
    h(
      "div",
      { class: "scroll panel", style: "padding: 0" },
      h("table", {}, [
        h(
          "thead",
          {},
          h("tr", {}, [h("th", {}, system ? `${system} checks` : "check"), profiles.map((p) => h("th", {}, p)), h("th", {}, "divergences")]),
        ),
        h(
          "tbody",
          {},
          groups.map((g) =>
            h("tr", { "data-matrix-check": g.key, "data-status": g.status }, [
              h("td", {}, h("a", { href: `#check-${g.index}` }, g.key)),
              profiles.map((p) => {
                const run = g.runs[p];
                if (!run) return h("td", { class: "cell-none", "data-profile": p }, "—");
                return h(
                  "td",
                  { class: run.passed ? "cell-pass" : "cell-fail", "data-profile": p, "data-passed": String(run.passed), title: run.error || "" },
                  (run.passed ? "✓ " : "✗ ") + fmtMs(run.durationMs),
                );
              }),
              h("td", {}, [
                g.divergences.map((d) =>
                  h("a", { href: `#divergence-${d.index}`, style: "margin-right: 4px" }, badge(d.kind, d.known ? "known" : "fail")),
                ),
                profiles.some((p) => g.runs[p]?.invariants?.length) ? h("a", { href: "#invariants" }, badge("invariant", "fail")) : null,
              ]),
            ]),
          ),
        ),
      ]),
    ),
  ]);
}
