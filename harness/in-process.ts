import { loadConfig } from "../runtime/config.ts";
import { assembleMonolith, type Monolith } from "../runtime/host/monolith.ts";
import type { SystemDefinition } from "../runtime/system.ts";
import { SystemClient } from "./system/client.ts";
import { testEnv } from "./test-env.ts";

/** A system assembled inside the test's own process, driven through the same client suites use. */
export interface InProcessSystem {
  readonly monolith: Monolith;
  readonly client: SystemClient;
  stop(): Promise<void>;
}

/**
 * Boots `system` (often just one or two modules) on the in-memory bus and an in-memory PGlite, without a
 * server: requests go straight to the Hono app. For module and persistence tests.
 */
export async function inProcess(system: SystemDefinition, env: Record<string, string> = {}): Promise<InProcessSystem> {
  const config = loadConfig({ ...testEnv(), TWOFOLD_EVENT_BACKOFF_MS: "10", ...env }, system.modules);
  const monolith = await assembleMonolith(system, config);
  const client = new SystemClient("in-process", "http://in-process", async (url, init) => monolith.app.fetch(new Request(url, init)));
  return { monolith, client, stop: () => monolith.close() };
}
