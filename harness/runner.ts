import type { Suite } from "./suite.ts";
import type { SystemClient } from "./system/client.ts";

export interface CheckResult {
  readonly suite: string;
  readonly check: string;
  readonly passed: boolean;
  readonly error?: string;
  readonly durationMs: number;
}

export interface RunFilter {
  readonly suite?: string;
  readonly grep?: RegExp;
}

/** The checks a filter selects, in suite order. */
export const selectChecks = (suites: readonly Suite[], filter: RunFilter = {}) =>
  suites
    .filter((s) => !filter.suite || s.name.toLowerCase().includes(filter.suite.toLowerCase()))
    .flatMap((suite) => suite.checks.map((check) => ({ suite, check })))
    .filter(({ suite, check }) => !filter.grep || filter.grep.test(`${suite.name} ${check.name}`));

/** Runs every selected check against one running topology, one after another, and records each outcome. */
export async function runChecks(
  system: SystemClient,
  suites: readonly Suite[],
  filter: RunFilter = {},
  onResult: (result: CheckResult) => void = () => {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const { suite, check } of selectChecks(suites, filter)) {
    const started = performance.now();
    let error: string | undefined;
    try {
      await check.run(system, { seed: 0, warn: (message) => console.warn(`[${check.name}] ${message}`) });
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const result = { suite: suite.name, check: check.name, passed: error === undefined, error, durationMs: performance.now() - started };
    results.push(result);
    onResult(result);
  }
  return results;
}
