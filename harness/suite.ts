import type { SystemClient } from "./system/client.ts";

/** What a running check may tell the harness besides pass or fail. */
export interface CheckContext {
  /** The run's seed, for any random choice a check makes. */
  readonly seed: number;
  /** Something worth a look that does not fail the check (a flow's fixed delay, say). */
  warn(message: string): void;
}

/** One scenario, run against a topology through its public API, tap and read-only state. */
export interface Check {
  readonly name: string;
  readonly run: (system: SystemClient, context: CheckContext) => Promise<void>;
}

/** A named list of checks. Suites never know which topology they run on; they run unchanged on every one. */
export interface Suite {
  readonly name: string;
  readonly checks: readonly Check[];
}

export const check = (name: string, run: Check["run"]): Check => ({ name, run });

export const defineSuite = (name: string, checks: readonly Check[]): Suite => ({ name, checks });

let uniqueScope = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let uniqueCount = 0;

/**
 * A value unique to this run, for emails and names, so checks can share one running system. The harness
 * restarts the sequence for each profile, so the same check makes the same values on every topology and the
 * diff compares like with like.
 */
export const unique = (label: string): string => `${label}-${uniqueScope}-${++uniqueCount}`;

/** Restarts `unique` from a scope of the harness's choosing (per profile, from the run's seed). */
export function restartUnique(scope: string): void {
  uniqueScope = scope;
  uniqueCount = 0;
}

/** The suite among `suites` that has a check named `name` (the seed's order flow drives the skew and binary tests). */
export function suiteWith(suites: readonly Suite[], name: string): Suite {
  const suite = suites.find((s) => s.checks.some((c) => c.name === name));
  if (!suite) throw new Error(`no suite has a check named "${name}"`);
  return suite;
}
