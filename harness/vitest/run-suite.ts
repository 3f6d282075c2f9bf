import { describe, it } from "vitest";
import type { Suite } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

/** Runs a behaviour suite inside vitest against the topology its file started; each check gets its own client. */
export function runSuite(suite: Suite, client: () => SystemClient): void {
  describe(suite.name, () => {
    for (const c of suite.checks) {
      it(c.name, () => c.run(client(), { seed: 0, warn: (message) => console.warn(`[${c.name}] ${message}`) }));
    }
  });
}
