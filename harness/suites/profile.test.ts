import { flowSuites } from "../flows/index.ts";
import { runSuite } from "../vitest/run-suite.ts";
import { fuzzSuite } from "./fuzz.suite.ts";
import { suites } from "./index.ts";

// One file per profile project: vitest runs one file's tests in order, so no two checks ever share a topology
// at once (a check may freeze and advance its clock), however many workers run files side by side. Pick
// suites with -t, e.g. `bun run test --project split -t "Bad input"`.
// The fixed-seed fuzz run too; it is not in `suites`, whose checks the harness diffs across profiles.
for (const suite of [...suites, ...flowSuites, fuzzSuite]) runSuite(suite);
