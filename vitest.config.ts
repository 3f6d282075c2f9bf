import { defineConfig } from "vitest/config";

const suites = "harness/suites/**/*.test.ts";

/**
 * `unit` (unit, conformance, persistence and harness tests beside the code) and one project per harness
 * profile that runs the same behaviour suite files, unchanged, against a real running system.
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
      ...["monolith", "monolith-strict", "split"].map((name) => ({
        extends: true as const,
        test: { name, include: [suites], globalSetup: ["harness/vitest/topology.setup.ts"] },
      })),
    ],
  },
});
