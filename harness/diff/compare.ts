import type { CheckRun, Divergence } from "../report/model.ts";
import { counts, minus } from "./multiset.ts";
import { type RunView, viewOf } from "./view.ts";

/**
 * A check is a timing outlier when it is this many times slower, relative to the other profile, than checks
 * usually are (split is always somewhat slower than one process), and at least this much slower in absolute
 * terms: a hang, not noise.
 */
const TIMING_FACTOR = 5;
const TIMING_MIN_MS = 1500;
/** The usual slowdown between two profiles when too few checks ran to measure it. */
export const DEFAULT_SLOWDOWN = 5;

/** The first point where the two runs' timelines (HTTP steps, then events in causal order) part ways. */
function firstDivergentStep(a: RunView, b: RunView): Divergence["firstDivergentStep"] {
  const timeline = (v: RunView) => [
    ...v.steps,
    ...v.causal.map((c) => `event ${c}`),
    ...v.undelivered.map((u) => `undelivered ${u}`),
    ...Object.entries(v.state).flatMap(([table, change]) => [
      ...change.added.map((row) => `state ${table} + ${row}`),
      ...change.removed.map((row) => `state ${table} − ${row}`),
    ]),
  ];
  const ta = timeline(a);
  const tb = timeline(b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    if (ta[i] !== tb[i]) return { index: i, baseline: ta[i] ?? "(nothing)", other: tb[i] ?? "(nothing)" };
  }
  return undefined;
}

/**
 * Compares two profiles' runs of one check and classifies every difference: outcome, response, events
 * (missing, extra, duplicated, undelivered, causal order), final state, timing.
 */
export function compareRuns(a: CheckRun, b: CheckRun, usualSlowdown = DEFAULT_SLOWDOWN): Divergence[] {
  const va = viewOf(a);
  const vb = viewOf(b);
  const base = { suite: a.suite, check: a.check, profiles: [a.profile, b.profile] as const, firstDivergentStep: firstDivergentStep(va, vb) };
  const out: Divergence[] = [];

  if (a.passed !== b.passed) {
    const [failing, error] = a.passed ? [b.profile, b.error] : [a.profile, a.error];
    out.push({ ...base, kind: "outcome", summary: `fails on ${failing} only: ${error}` });
  }

  const stepCount = Math.max(va.steps.length, vb.steps.length);
  for (let i = 0; i < stepCount; i++) {
    if (va.steps[i] === vb.steps[i]) continue;
    out.push({
      ...base,
      kind: "response",
      summary: `step ${i + 1} differs: ${va.stepLabels[i] ?? "(no request)"} vs ${vb.stepLabels[i] ?? "(no request)"}`,
      details: { step: i, baseline: va.steps[i] ?? null, other: vb.steps[i] ?? null },
    });
    break;
  }

  const missing = minus(va.publishes, vb.publishes);
  const extra = minus(vb.publishes, va.publishes);
  const undelivered = { baseline: minus(va.undelivered, vb.undelivered), other: minus(vb.undelivered, va.undelivered) };
  if (missing.length || extra.length) {
    const duplicated = extra.filter((e) => (counts(vb.publishes).get(e) ?? 0) > (counts(va.publishes).get(e) ?? 0) && va.publishes.includes(e));
    const what = duplicated.length ? "duplicated" : "missing or extra";
    out.push({
      ...base,
      kind: "events",
      summary: `${what} events: ${missing.length} only on ${a.profile}, ${extra.length} only on ${b.profile}`,
      details: { missing, extra },
    });
  } else if (va.causal.join() !== vb.causal.join()) {
    out.push({ ...base, kind: "events", summary: "the same events in another causal order", details: { baseline: va.causal, other: vb.causal } });
  }
  if (undelivered.baseline.length || undelivered.other.length) {
    const list = [...undelivered.other.map((u) => `${b.profile}: ${u}`), ...undelivered.baseline.map((u) => `${a.profile}: ${u}`)];
    out.push({ ...base, kind: "events", summary: `deliveries failed on one side only: ${list.join("; ")}`, details: undelivered });
  }

  const tables = [...new Set([...Object.keys(va.state), ...Object.keys(vb.state)])].sort();
  const stateDiffs = tables.flatMap((table) => {
    const sa = va.state[table] ?? { added: [], removed: [] };
    const sb = vb.state[table] ?? { added: [], removed: [] };
    const onlyA = [...minus(sa.added, sb.added), ...minus(sa.removed, sb.removed)];
    const onlyB = [...minus(sb.added, sa.added), ...minus(sb.removed, sa.removed)];
    return onlyA.length || onlyB.length ? [{ table, onlyBaseline: onlyA, onlyOther: onlyB }] : [];
  });
  if (stateDiffs.length) {
    const duplicated = stateDiffs.some((d) => d.onlyOther.length > 0 && d.onlyBaseline.length === 0);
    out.push({
      ...base,
      kind: "state",
      summary: `${duplicated ? "extra (duplicated?) " : ""}state differs in ${stateDiffs.map((d) => `${d.table} (${d.onlyBaseline.length} only on ${a.profile}, ${d.onlyOther.length} only on ${b.profile})`).join(", ")}`,
      details: stateDiffs,
    });
  }

  const expected = Math.max(1, usualSlowdown) * a.durationMs;
  const [slow, fast] = b.durationMs > a.durationMs ? [b, a] : [a, b];
  const outlier = b.durationMs > a.durationMs ? b.durationMs > TIMING_FACTOR * expected : a.durationMs > TIMING_FACTOR * b.durationMs;
  if (outlier && slow.durationMs - fast.durationMs >= TIMING_MIN_MS) {
    out.push({
      ...base,
      kind: "timing",
      summary: `took ${slow.durationMs.toFixed(0)} ms on ${slow.profile}, ${fast.durationMs.toFixed(0)} ms on ${fast.profile} (checks usually take ${usualSlowdown.toFixed(1)}× as long there)`,
    });
  }
  return out;
}
