import { defineConfig } from "vitest/config";
import { profileNames } from "./harness/run/profiles.ts";

const suites = "harness/suites/profile.test.ts";

/**
 * `unit` (unit, conformance, persistence and harness tests beside the code) and one project per harness
 * profile (from the profile registry) that runs every behaviour suite and flow, unchanged, against a real
 * running system of that profile. One worker (vitest's default on two cores): with two, the harness's timing
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
      ...profileNames.map((name) => ({
        extends: true as const,
        test: { name, include: [suites], globalSetup: ["harness/vitest/topology.setup.ts"] },
      })),
    ],
  },
});
