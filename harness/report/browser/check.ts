import type { StepRecord } from "../model.ts";
import { badge, canonical, fmtMs, h, pretty } from "./dom.ts";
import type { CheckGroup } from "./groups.ts";
import { sequenceDiagram } from "./sequence.ts";

/**
 * The view of one check across profiles: failures, the steps aligned by index with differing ones tinted,
 * one sequence diagram per profile, and the state delta as one row per distinct change with a column per
 * profile, rows missing from some profile marked.
 */

/** Ids differ between runs by nature; compare paths with id-like segments blanked. */
function pathShape(path: string): string {
  return String(path)
    .split("/")
    .map((seg) => (/^\d+$|^[0-9a-f-]{8,}$/i.test(seg) ? ":id" : seg))
    .join("/");
}

function stepShape(step: StepRecord | undefined): string {
  return step ? `${step.method} ${pathShape(step.path)} ${step.status}` : "";
}

function statusClass(status: number): string {
  return status >= 500 ? "fail" : status >= 400 ? "known" : "pass";
}

function stepsTable(group: CheckGroup, profiles: readonly string[]): HTMLElement {
  const count = Math.max(0, ...profiles.map((p) => group.runs[p]?.steps.length ?? 0));
  if (!count) return h("p", { class: "muted" }, "no HTTP steps recorded");
  const rows = [];
  for (let i = 0; i < count; i++) {
    const steps = profiles.map((p) => {
      const run = group.runs[p];
      return run ? run.steps.find((s) => s.index === i) || run.steps[i] : undefined;
    });
    const reference = stepShape(steps.find(Boolean));
    rows.push(
      h("tr", { "data-step": i }, [
        h("td", { class: "num muted" }, i),
        steps.map((step, j) =>
          step
            ? h(
                "td",
                {
                  class: stepShape(step) === reference ? "" : "diff",
                  "data-profile": profiles[j],
                  title: step.responseBody === undefined ? "" : pretty(step.responseBody, 2000),
                },
                [
                  h("code", {}, `${step.method} ${step.path}`),
                  " ",
                  badge(step.status, statusClass(step.status), { "data-status": step.status }),
                  " ",
                  h("span", { class: "muted" }, fmtMs(step.durationMs)),
                ],
              )
            : h("td", { class: "diff cell-none", "data-profile": profiles[j] }, "—"),
        ),
      ]),
    );
  }
  return h(
    "div",
    { class: "scroll" },
    h("table", { "data-steps": "" }, [
      h("thead", {}, h("tr", {}, [h("th", { class: "num" }, "#"), profiles.map((p) => h("th", {}, p))])),
      h("tbody", {}, rows),
    ]),
  );
}

function diagrams(group: CheckGroup, profiles: readonly string[]): HTMLElement {
  return h(
    "div",
    { class: "diagrams" },
    profiles.flatMap((p) => {
      const run = group.runs[p];
      if (!run) return [];
      const trace = run.trace;
      return h("div", { class: "diagram", "data-trace-profile": p }, [
        h("div", { class: "label" }, [p, " ", h("span", { class: "muted" }, `(${trace.length} records)`)]),
        trace.length ? sequenceDiagram(trace, p) : h("p", { class: "muted", style: "padding: 0 10px" }, "no trace recorded"),
      ]);
    }),
  );
}

interface StateChange {
  readonly module: string;
  readonly table: string;
  readonly change: "added" | "removed";
  readonly text: string;
  readonly counts: Record<string, number>;
}

/** One entry per distinct (module, table, change, row), counted per profile: a multiset diff. */
function stateChanges(group: CheckGroup, profiles: readonly string[]): StateChange[] {
  const changes = new Map<string, StateChange>();
  for (const p of profiles) {
    for (const [module, tables] of Object.entries(group.runs[p]?.state || {})) {
      for (const [table, delta] of Object.entries(tables)) {
        for (const change of ["added", "removed"] as const) {
          for (const row of delta[change] || []) {
            const text = canonical(row);
            const key = JSON.stringify([module, table, change, text]);
            let entry = changes.get(key);
            if (!entry) {
              entry = { module, table, change, text, counts: {} };
              changes.set(key, entry);
            }
            entry.counts[p] = (entry.counts[p] || 0) + 1;
          }
        }
      }
    }
  }
  return [...changes.values()].sort(
    (a, b) => `${a.module}.${a.table}`.localeCompare(`${b.module}.${b.table}`) || a.change.localeCompare(b.change) || a.text.localeCompare(b.text),
  );
}

function stateTable(group: CheckGroup, profiles: readonly string[]): HTMLElement {
  const ran = profiles.filter((p) => group.runs[p]);
  const changes = stateChanges(group, ran);
  if (!changes.length) return h("p", { class: "muted" }, "no state changes recorded");
  return h(
    "div",
    { class: "scroll" },
    h("table", { "data-state": "" }, [
      h("thead", {}, h("tr", {}, [h("th", {}, "table"), h("th", {}, "change"), h("th", {}, "row"), ran.map((p) => h("th", {}, p))])),
      h(
        "tbody",
        {},
        changes.map((c) => {
          const counts = ran.map((p) => c.counts[p] || 0);
          const missing = ran.filter((p) => !c.counts[p]);
          const differs = counts.some((n) => n !== counts[0]);
          return h(
            "tr",
            {
              class: `state-row${differs ? " diff" : ""}`,
              "data-state-row": `${c.module}.${c.table}`,
              "data-change": c.change,
              "data-missing": missing.join(" "),
              "data-differs": differs ? "true" : "false",
            },
            [
              h("td", {}, h("code", {}, `${c.module}.${c.table}`)),
              h("td", {}, badge(c.change === "added" ? "+ added" : "− removed", c.change === "added" ? "pass" : "fail")),
              h("td", { title: c.text }, h("code", {}, c.text)),
              counts.map((n, j) =>
                h(
                  "td",
                  { "data-profile": ran[j] },
                  n ? h("span", { class: "present" }, n > 1 ? `✓ ×${n}` : "✓") : h("span", { class: "absent" }, "missing"),
                ),
              ),
            ],
          );
        }),
      ),
    ]),
  );
}

export function checkView(group: CheckGroup, profiles: readonly string[]): HTMLElement {
  const runs = profiles.flatMap((p) => group.runs[p] ?? []);
  const warnings = [...new Set(runs.flatMap((r) => (r.warnings || []).map((w) => `${r.profile}: ${w}`)))];
  return h(
    "details",
    {
      class: "check",
      id: `check-${group.index}`,
      "data-check": group.key,
      "data-status": group.status,
      open: group.status === "fail" || group.status === "divergent",
    },
    [
      h("summary", {}, [
        h("span", {}, group.key),
        profiles.map((p) => {
          const run = group.runs[p];
          return run ? badge(p + (run.passed ? " ✓" : " ✗"), run.passed ? "pass" : "fail") : badge(`${p} —`, "");
        }),
        group.divergences.map((d) => badge(d.kind + (d.known ? " (known)" : ""), d.known ? "known" : "fail")),
      ]),
      h("div", { class: "check-body" }, [
        runs
          .filter((r) => !r.passed)
          .map((r) =>
            h("div", { class: "error", "data-error-profile": r.profile }, [
              h("strong", {}, `${r.profile} failed`),
              h("pre", {}, r.error || "(no message)"),
            ]),
          ),
        runs
          .filter((r) => r.invariants?.length)
          .map((r) =>
            h("div", { class: "error", "data-invariants-profile": r.profile }, [
              h("strong", {}, `${r.profile} broke invariants`),
              h("pre", {}, (r.invariants ?? []).map((f) => `${f.kind} ${f.module} ${f.entity}: ${f.problem} (${f.invariant})`).join("\n")),
            ]),
          ),
        warnings.length
          ? h(
              "ul",
              { class: "warnings" },
              warnings.map((w) => h("li", {}, w)),
            )
          : null,
        group.divergences.length
          ? h("p", {}, [
              "Divergences: ",
              group.divergences.map((d) =>
                h("a", { href: `#divergence-${d.index}`, style: "margin-right: 8px" }, `${d.kind} ${d.profiles.join(" vs ")}`),
              ),
            ])
          : null,
        h("h3", {}, "Steps"),
        stepsTable(group, profiles),
        h("h3", {}, "Sequence"),
        diagrams(group, profiles),
        h("h3", {}, "State delta"),
        stateTable(group, profiles),
      ]),
    ],
  );
}
