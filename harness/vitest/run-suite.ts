import { describe, inject, it } from "vitest";
import type { Suite } from "../suite.ts";
import { SystemClient } from "../system/client.ts";

/** Runs a behaviour suite inside vitest against the topology this project started; each check gets its own client. */
export function runSuite(suite: Suite): void {
  describe(suite.name, () => {
    for (const c of suite.checks) {
      it(c.name, () =>
        c.run(new SystemClient(inject("systemKind"), inject("systemUrl")), { seed: 0, warn: (message) => console.warn(`[${c.name}] ${message}`) }),
      );
    }
  });
}
