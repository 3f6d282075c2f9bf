import type { CheckRun, TraceRecord } from "../report/model.ts";
import { Normalizer } from "./normalize.ts";

/** A check run reduced to what is compared, with ids, times and volatile fields normalized. */
export interface RunView {
  /** "METHOD /path → status", one per HTTP step. */
  readonly stepLabels: string[];
  /** The same with the normalized response body. */
  readonly steps: string[];
  /** Published events as "type payload", in causal order (depth from the request, then content). */
  readonly publishes: string[];
  /** Published event types prefixed by causal depth, e.g. "1:order.confirmed". */
  readonly causal: string[];
  /** Deliveries whose last attempt failed: "type → subscriber: outcome". */
  readonly undelivered: string[];
  /** Per "module.table": normalized rows added and removed. */
  readonly state: Record<string, { added: string[]; removed: string[] }>;
}

/**
 * The first record of each message id: the outbox publishes again what a broker restart or a crash may have
 * lost (at least once, by design), and how often that happens is timing. Two events with different ids for
 * one fact still show.
 */
function onePerId(records: readonly TraceRecord[]): TraceRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if (!r.messageId) return true;
    if (seen.has(r.messageId)) return false;
    seen.add(r.messageId);
    return true;
  });
}

const depthOf = (trace: readonly TraceRecord[]) => {
  const byId = new Map(trace.filter((r) => r.messageId && r.kind !== "delivery").map((r) => [r.messageId as string, r]));
  const depth = (record: TraceRecord, seen = new Set<string>()): number => {
    const parent = record.causationId ? byId.get(record.causationId) : undefined;
    if (!parent || seen.has(parent.messageId as string)) return 0;
    seen.add(parent.messageId as string);
    return 1 + depth(parent, seen);
  };
  return depth;
};

/**
 * Builds the comparable view. Ids are numbered in a fixed order — steps first, then state, then events — so
 * two runs that did the same thing number them the same way. Steps are taken in the order of what was asked
 * (method, path and body with ids blanked), not of when answers came: a check that sends requests
 * concurrently gets its answers in an order no topology fixes.
 */
export function viewOf(run: CheckRun): RunView {
  const n = new Normalizer();
  for (const step of run.steps) n.learn(step.responseBody);
  for (const record of run.trace) n.learn(record.payload);
  const asked = (step: CheckRun["steps"][number]) =>
    `${step.method} ${n.blank(step.path)} ${n.blank(step.requestBody)} ${step.polled ? step.status : n.blank(step.responseBody)}`;
  // Polled answers come last: what they contain besides the awaited condition varies, so they name no ids first.
  const ordered = [...run.steps].sort(
    (a, b) => Number(a.polled ?? false) - Number(b.polled ?? false) || (asked(a) < asked(b) ? -1 : asked(a) > asked(b) ? 1 : a.index - b.index),
  );
  const stepLabels: string[] = [];
  const steps: string[] = [];
  const record = (step: CheckRun["steps"][number]) => {
    const label = `${step.method} ${n.value(step.path)} → ${step.status}`;
    stepLabels.push(label);
    steps.push(step.polled ? `${label} (polled)` : `${label} ${JSON.stringify(n.value(step.responseBody) ?? null)}`);
  };
  for (const step of ordered.filter((s) => !s.polled)) record(step);
  const state: RunView["state"] = {};
  for (const module of Object.keys(run.state).sort()) {
    const tables = run.state[module] ?? {};
    for (const table of Object.keys(tables).sort()) {
      const change = tables[table];
      if (!change) continue;
      const name = `${module}.${table}`;
      state[name] = {
        added: n.rows(change.added, name).map((r) => JSON.stringify(r)),
        removed: n.rows(change.removed, name).map((r) => JSON.stringify(r)),
      };
    }
  }
  for (const step of ordered.filter((s) => s.polled)) record(step);
  const depth = depthOf(run.trace);
  const blank = (payload: unknown) => n.blank(payload);
  const published = onePerId(run.trace.filter((r) => r.kind === "publish"))
    .map((r) => ({ record: r, depth: depth(r), blank: blank(r.payload) }))
    .sort((a, b) => a.depth - b.depth || a.record.name.localeCompare(b.record.name) || a.blank.localeCompare(b.blank));
  const publishes = published.map(({ record }) => `${record.name} ${JSON.stringify(n.value(record.payload))}`);
  const causal = published.map(({ record, depth: d }) => `${d}:${record.name}`);
  const lastAttempt = new Map<string, TraceRecord>();
  for (const r of run.trace.filter((t) => t.kind === "delivery")) {
    const key = `${r.messageId}→${r.to}`;
    const previous = lastAttempt.get(key);
    if (!previous || previous.at <= r.at) lastAttempt.set(key, r);
  }
  const undelivered = [...lastAttempt.values()]
    .filter((r) => r.outcome !== "ok")
    .map((r) => `${r.name} → ${r.to}: ${r.outcome}`)
    .sort();
  return { stepLabels, steps, publishes, causal, undelivered, state };
}
