import { describe, expect, inject, it } from "vitest";
import { learning } from "../modules/learning.ts";
import { runHarness } from "./run/harness.ts";
import { learningChecks } from "./systems/learning/index.ts";
import { registeredSystem } from "./topologies.ts";

const learnersSession = "exams → users: users.authenticate — a learner's session";
const journey = "Journey 2: a learner completes a course";

/**
 * Seed 000's bug before any deploy: split, with users run as its release 2.0.0, whose migration answers
 * users.authenticate's `user_id` as an integer under the same message version (contracts/users/migrations.ts).
 * The exams consumer reads a string: verification fails naming it and the field, and the course-completion
 * journey parts from the monolith's.
 */
describe("version skew, seed 000", () => {
  it("users writing its user_id migration breaks the exams consumer in split, not in the monolith", async () => {
    const report = await runHarness({
      profiles: ["monolith", "split"],
      suites: learningChecks.suites,
      filter: { grep: new RegExp(`${learnersSession}|${journey}`) },
      seed: 23,
      system: registeredSystem("learning"),
      modules: learning.modules.map((m) => m.name),
      env: { split: { TWOFOLD_SKEW: "users:2.0.0" } },
      redisUrl: inject("redisUrl"),
    });
    const run = (profile: string, check: string) => report.checks.find((c) => c.profile === profile && c.check.startsWith(check));
    expect(report.checks.filter((c) => c.profile === "monolith").map((c) => c.passed)).toEqual([true, true]);
    expect(run("split", learnersSession)?.passed).toBe(false);
    expect(run("split", learnersSession)?.error).toMatch(/\(what exams reads\).*user_id: Invalid type: Expected string but received \d+/);
    const diverged = report.divergences.filter((d) => d.check.startsWith(journey) && !d.known);
    expect(diverged.map((d) => d.kind)).toContain("outcome");
    expect(report.findings).toBeGreaterThan(0);
  }, 240_000);
});
