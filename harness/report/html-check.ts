/**
 * Client-side view of one check across profiles (browser JavaScript, kept as source text): failures, the
 * steps aligned by index with differing ones tinted, one sequence diagram per profile, and the state delta
 * as one row per distinct change with a column per profile, rows missing from some profile marked.
 */
export const checkScript = String.raw`
/** Ids differ between runs by nature; compare paths with id-like segments blanked. */
function pathShape(path) {
  return String(path).split("/").map((seg) => /^\d+$|^[0-9a-f-]{8,}$/i.test(seg) ? ":id" : seg).join("/");
}

function stepShape(step) {
  return step ? step.method + " " + pathShape(step.path) + " " + step.status : "";
}

function statusClass(status) {
  return status >= 500 ? "fail" : status >= 400 ? "known" : "pass";
}

function stepsTable(group, profiles) {
  const count = Math.max(0, ...profiles.map((p) => (group.runs[p] ? group.runs[p].steps.length : 0)));
  if (!count) return h("p", { class: "muted" }, "no HTTP steps recorded");
  const rows = [];
  for (let i = 0; i < count; i++) {
    const steps = profiles.map((p) => (group.runs[p] ? group.runs[p].steps.find((s) => s.index === i) || group.runs[p].steps[i] : undefined));
    const reference = stepShape(steps.find(Boolean));
    rows.push(h("tr", { "data-step": i }, [
      h("td", { class: "num muted" }, i),
      steps.map((step, j) => step
        ? h("td", { class: stepShape(step) === reference ? "" : "diff", "data-profile": profiles[j], title: step.responseBody === undefined ? "" : pretty(step.responseBody, 2000) }, [
          h("code", {}, step.method + " " + step.path), " ",
          badge(step.status, statusClass(step.status), { "data-status": step.status }), " ",
          h("span", { class: "muted" }, fmtMs(step.durationMs)),
        ])
        : h("td", { class: "diff cell-none", "data-profile": profiles[j] }, "—")),
    ]));
  }
  return h("div", { class: "scroll" }, h("table", { "data-steps": "" }, [
    h("thead", {}, h("tr", {}, [h("th", { class: "num" }, "#"), profiles.map((p) => h("th", {}, p))])),
    h("tbody", {}, rows),
  ]));
}

function diagrams(group, profiles) {
  return h("div", { class: "diagrams" }, profiles.filter((p) => group.runs[p]).map((p) => {
    const trace = group.runs[p].trace;
    return h("div", { class: "diagram", "data-trace-profile": p }, [
      h("div", { class: "label" }, [p, " ", h("span", { class: "muted" }, "(" + trace.length + " records)")]),
      trace.length ? sequenceDiagram(trace, p) : h("p", { class: "muted", style: "padding: 0 10px" }, "no trace recorded"),
    ]);
  }));
}

/** One entry per distinct (module, table, change, row), counted per profile: a multiset diff. */
function stateChanges(group, profiles) {
  const changes = new Map();
  profiles.forEach((p) => {
    const state = group.runs[p] ? group.runs[p].state || {} : {};
    Object.keys(state).forEach((module) => Object.keys(state[module]).forEach((table) => {
      ["added", "removed"].forEach((change) => (state[module][table][change] || []).forEach((row) => {
        const text = canonical(row);
        const key = JSON.stringify([module, table, change, text]);
        if (!changes.has(key)) changes.set(key, { module, table, change, text, counts: {} });
        const entry = changes.get(key);
        entry.counts[p] = (entry.counts[p] || 0) + 1;
      }));
    }));
  });
  return [...changes.values()].sort((a, b) =>
    (a.module + "." + a.table).localeCompare(b.module + "." + b.table) || a.change.localeCompare(b.change) || a.text.localeCompare(b.text));
}

function stateTable(group, profiles) {
  const ran = profiles.filter((p) => group.runs[p]);
  const changes = stateChanges(group, ran);
  if (!changes.length) return h("p", { class: "muted" }, "no state changes recorded");
  return h("div", { class: "scroll" }, h("table", { "data-state": "" }, [
    h("thead", {}, h("tr", {}, [h("th", {}, "table"), h("th", {}, "change"), h("th", {}, "row"), ran.map((p) => h("th", {}, p))])),
    h("tbody", {}, changes.map((c) => {
      const counts = ran.map((p) => c.counts[p] || 0);
      const missing = ran.filter((p) => !c.counts[p]);
      const differs = counts.some((n) => n !== counts[0]);
      return h("tr", {
        class: "state-row" + (differs ? " diff" : ""), "data-state-row": c.module + "." + c.table,
        "data-change": c.change, "data-missing": missing.join(" "), "data-differs": differs ? "true" : "false",
      }, [
        h("td", {}, h("code", {}, c.module + "." + c.table)),
        h("td", {}, badge(c.change === "added" ? "+ added" : "− removed", c.change === "added" ? "pass" : "fail")),
        h("td", { title: c.text }, h("code", {}, c.text)),
        counts.map((n, j) => h("td", { "data-profile": ran[j] }, n
          ? h("span", { class: "present" }, n > 1 ? "✓ ×" + n : "✓")
          : h("span", { class: "absent" }, "missing"))),
      ]);
    })),
  ]));
}

function checkView(group, profiles) {
  const runs = profiles.filter((p) => group.runs[p]).map((p) => group.runs[p]);
  const warnings = [...new Set(runs.flatMap((r) => (r.warnings || []).map((w) => r.profile + ": " + w)))];
  return h("details", {
    class: "check", id: "check-" + group.index, "data-check": group.key, "data-status": group.status,
    open: group.status === "fail" || group.status === "divergent",
  }, [
    h("summary", {}, [
      h("span", {}, group.key),
      profiles.map((p) => group.runs[p]
        ? badge(p + (group.runs[p].passed ? " ✓" : " ✗"), group.runs[p].passed ? "pass" : "fail")
        : badge(p + " —", "")),
      group.divergences.map((d) => badge(d.kind + (d.known ? " (known)" : ""), d.known ? "known" : "fail")),
    ]),
    h("div", { class: "check-body" }, [
      runs.filter((r) => !r.passed).map((r) => h("div", { class: "error", "data-error-profile": r.profile }, [
        h("strong", {}, r.profile + " failed"), h("pre", {}, r.error || "(no message)"),
      ])),
      warnings.length ? h("ul", { class: "warnings" }, warnings.map((w) => h("li", {}, w))) : null,
      group.divergences.length ? h("p", {}, ["Divergences: ", group.divergences.map((d) =>
        h("a", { href: "#divergence-" + d.index, style: "margin-right: 8px" }, d.kind + " " + d.profiles.join(" vs ")))]) : null,
      h("h3", {}, "Steps"), stepsTable(group, profiles),
      h("h3", {}, "Sequence"), diagrams(group, profiles),
      h("h3", {}, "State delta"), stateTable(group, profiles),
    ]),
  ]);
}
`;
