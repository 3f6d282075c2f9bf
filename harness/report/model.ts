import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import type { Finding, Reconciliation } from "../checkers/model.ts";

/**
 * The harness's run report: what `--json` writes and the HTML report renders. Stable: fields are only ever
 * added. Documented in harness/README.md.
 */

/** One HTTP exchange a check made, in order. */
export interface StepRecord {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
  readonly correlationId: string;
  readonly durationMs: number;
  /** Made while polling for a condition: only its status is compared (its body depends on timing). */
  readonly polled?: boolean;
}

/** One thing the system did for a check, from its bus or its HTTP edge, in time order (runtime/observation/trace.ts). */
export type TraceRecord = TraceEntry;

/** Rows a check added or removed, per module and table (normalized values). */
export type StateDelta = Record<string, Record<string, { readonly added: readonly unknown[]; readonly removed: readonly unknown[] }>>;

export interface CheckRun {
  readonly suite: string;
  readonly check: string;
  readonly profile: string;
  readonly passed: boolean;
  /** The failing assertion's message, when it failed. */
  readonly error?: string;
  /**
   * Why the check could not run on this profile (a nemesis operation that cannot apply there, such as
   * restarting the broker of one process): not a failure, and not compared with the other profiles.
   */
  readonly skipped?: string;
  readonly durationMs: number;
  readonly steps: readonly StepRecord[];
  readonly trace: readonly TraceRecord[];
  readonly state: StateDelta;
  /** Warnings the check produced (e.g. a flow that used `delay`). */
  readonly warnings: readonly string[];
  /**
   * The system's invariants this check broke (harness/checkers/): breaches of the state once idle after it that
   * no earlier check left. Each is a finding. Absent when the system declares no invariants.
   */
  readonly invariants?: readonly Finding[];
}

export type DivergenceKind = "outcome" | "response" | "events" | "state" | "timing";

/** A difference between two profiles' runs of one check. */
export interface Divergence {
  readonly suite: string;
  readonly check: string;
  readonly kind: DivergenceKind;
  /** The two profiles compared: the baseline (monolith) and the other. */
  readonly profiles: readonly [string, string];
  readonly summary: string;
  /** The first step of the compared timelines where the profiles part ways. */
  readonly firstDivergentStep?: { readonly index: number; readonly baseline: string; readonly other: string };
  readonly details?: unknown;
  /** Set when the difference is listed in harness/diff/known-divergences.ts: by design, not a finding. */
  readonly known?: { readonly id: string; readonly reason: string };
}

export interface ProfileSummary {
  readonly profile: string;
  readonly startupMs: number;
  readonly wallMs: number;
  readonly passed: number;
  readonly failed: number;
  /** Checks that could not run on this profile, each with its reason (CheckRun.skipped). */
  readonly skipped?: number;
  /**
   * The reconciliation checker's accounting once the profile's checks are done and the system is idle: every
   * invariant breach of the final state, lost, doubled or stuck. `late` counts those no check was found with
   * (they broke after their check ended); those are findings too. Absent when the system declares no invariants.
   */
  readonly reconciliation?: Reconciliation & { readonly late: number };
}

export interface RunReport {
  readonly version: 1;
  /** The system whose checks the run holds (`--system`): the report's header names it and groups the checks under it. */
  readonly system?: string;
  readonly seed: number;
  /** The run's own faults (`--faults`), in their written form, on top of each profile's. */
  readonly faults?: string;
  /** The flags the run set in every topology before its checks (`--flag`), as written. */
  readonly flags?: readonly string[];
  /** The flag each profile was run without and with (`--flag-diff`): its divergences compare the two, not the profiles. */
  readonly flagDiff?: string;
  readonly startedAt: string;
  readonly wallMs: number;
  readonly profiles: readonly ProfileSummary[];
  readonly checks: readonly CheckRun[];
  readonly divergences: readonly Divergence[];
  /** Findings: divergences not known by design, failed checks, broken invariants (after a check, or late). Non-zero fails the run. */
  readonly findings: number;
}
