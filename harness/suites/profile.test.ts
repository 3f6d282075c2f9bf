import { inject } from "vitest";
import type { SystemName } from "../../modules/index.ts";
import { systemChecks } from "../systems/index.ts";
import { runSuite } from "../vitest/run-suite.ts";

// One file per profile project: vitest runs one file's tests in order, so no two checks ever share a topology
// at once (a check may freeze and advance its clock), however many workers run files side by side. The
// project names the system (harness/run/projects.ts); pick suites with -t, e.g.
// `bun run test --project split -t "Bad input"`. Checks run by tests only (the fixed-seed fuzz run) come last.
const checks = systemChecks[inject("systemName") as SystemName];
for (const suite of [...checks.suites, ...(checks.testOnly ?? [])]) runSuite(suite);
