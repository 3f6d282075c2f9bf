import { AsyncLocalStorage } from "node:async_hooks";
import type { Nemesis } from "./nemesis/process.ts";
import type { SystemClient } from "./system/client.ts";

/** What a running check may tell the harness besides pass or fail. */
export interface CheckContext {
  /** The run's seed, for any random choice a check makes. */
  readonly seed: number;
  /** Something worth a look that does not fail the check (a flow's fixed delay, say). */
  warn(message: string): void;
  /**
   * Signals to the topology's processes and broker (harness/nemesis/process.ts), skipped where they cannot
   * apply; absent, every operation is skipped (a check run without a topology of its own).
   */
  readonly nemesis?: Nemesis;
  /** What the correlation ids of the check's requests start with, when the harness tags them (its trace is found by it). */
  readonly correlationPrefix?: string;
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

interface UniqueSequence {
  readonly scope: string;
  count: number;
}
/** The sequence of the profile run in progress (profiles may run at once, each in its own async context). */
const sequences = new AsyncLocalStorage<UniqueSequence>();
const outside: UniqueSequence = { scope: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, count: 0 };

/**
 * A value unique to this run, for emails and names, so checks can share one running system. The harness
 * runs each profile in a sequence of its own, restarted from the same scope, so the same check makes the
 * same values on every topology and the diff compares like with like.
 */
export const unique = (label: string): string => {
  const sequence = sequences.getStore() ?? outside;
  return `${label}-${sequence.scope}-${++sequence.count}`;
};

/** Runs `work` with `unique` counting afresh from `scope` (the harness's, per profile, from the run's seed). */
export const withUniqueScope = <T>(scope: string, work: () => Promise<T>): Promise<T> => sequences.run({ scope, count: 0 }, work);

/** The suite among `suites` that has a check named `name` (the seed's order flow drives the skew and binary tests). */
export function suiteWith(suites: readonly Suite[], name: string): Suite {
  const suite = suites.find((s) => s.checks.some((c) => c.name === name));
  if (!suite) throw new Error(`no suite has a check named "${name}"`);
  return suite;
}
