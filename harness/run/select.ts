import type { Suite } from "../suite.ts";

export interface RunFilter {
  /** A case-insensitive part of the suite name. */
  readonly suite?: string;
  /** Matched against "<suite> <check>". */
  readonly grep?: RegExp;
}

/** The checks a filter selects, in suite order. */
export const selectChecks = (suites: readonly Suite[], filter: RunFilter = {}) =>
  suites
    .filter((s) => !filter.suite || s.name.toLowerCase().includes(filter.suite.toLowerCase()))
    .flatMap((suite) => suite.checks.map((check) => ({ suite, check })))
    .filter(({ suite, check }) => !filter.grep || filter.grep.test(`${suite.name} ${check.name}`));
