import { describe, it } from "vitest";
import { type Nemesis, Skipped } from "../nemesis/process.ts";
import type { Suite } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

/** Runs a behaviour suite inside vitest against the topology its file started; each check gets its own client. */
export function runSuite(suite: Suite, client: () => SystemClient, nemesis?: () => Nemesis): void {
  describe(suite.name, () => {
    for (const c of suite.checks) {
      it(c.name, async (test) => {
        try {
          await c.run(client(), { seed: 0, warn: (message) => console.warn(`[${c.name}] ${message}`), nemesis: nemesis?.() });
        } catch (error) {
          // What cannot apply to this profile is skipped with its reason, as the harness reports it.
          if (error instanceof Skipped) test.skip(error.reason);
          throw error;
        }
      });
    }
  });
}
