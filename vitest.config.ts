import { defineConfig } from "vitest/config";
import { profileProjects } from "./harness/run/projects.ts";

const suites = "harness/suites/profile.test.ts";

/**
 * `unit` (unit, conformance, persistence and harness tests beside the code) and one project per system and
 * harness profile (from the two registries: `monolith`, ... for the default system, `learning:monolith`, ...)
 * that runs every behaviour suite and flow of that system, unchanged, against it running in that profile. One worker (vitest's default on two cores): with two, the harness's timing
 * classification in the mutant tests saw load spikes as divergences (1 of 5 full runs) — widen that only once
 * timing is judged robustly.
 */
export default defineConfig({
  test: {
    pool: "threads",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{modules,runtime,contracts,harness,scripts}/**/*.test.ts"],
          exclude: [suites, "**/node_modules/**", "harness/layers/fixtures/**"],
          globalSetup: ["harness/vitest/redis.setup.ts"],
        },
      },
      ...profileProjects.map(({ name }) => ({
        extends: true as const,
        test: { name, include: [suites], globalSetup: ["harness/vitest/topology.setup.ts"] },
      })),
    ],
  },
});
