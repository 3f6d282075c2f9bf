import { describe, inject, it } from "vitest";
import type { Suite } from "../suite.ts";
import { SystemClient } from "../system/client.ts";

/** Runs a behaviour suite inside vitest against the topology this project started. */
export function runSuite(suite: Suite): void {
  const system = new SystemClient(inject("systemKind"), inject("systemUrl"));
  describe(suite.name, () => {
    for (const c of suite.checks) it(c.name, () => c.run(system));
  });
}
