import type { SystemClient } from "./system/client.ts";

/** One scenario, run against a topology through its public API, tap and read-only state. */
export interface Check {
  readonly name: string;
  readonly run: (system: SystemClient) => Promise<void>;
}

/** A named list of checks. Suites never know which topology they run on; they run unchanged on every one. */
export interface Suite {
  readonly name: string;
  readonly checks: readonly Check[];
}

export const check = (name: string, run: Check["run"]): Check => ({ name, run });

export const defineSuite = (name: string, checks: readonly Check[]): Suite => ({ name, checks });

/** A value unique to this run, for emails and names, so suites can share one running system. */
export const unique = (label: string): string => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
