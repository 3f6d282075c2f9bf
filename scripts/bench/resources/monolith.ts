import { freePort } from "../../../runtime/infra/ports.ts";
import type { Resource } from "../context.ts";
import { benchEnv } from "../env.ts";
import { spawnTwofold } from "../spawn.ts";

export interface RunningMonolith {
  readonly url: string;
  readonly pid: number;
  /** Start to ready on an empty data directory, then again on the data the first start left. */
  readonly freshMs: number;
  readonly existingMs: number;
}

/**
 * `bun scripts/twofold.ts monolith` on PGlite in a fresh data directory, stopped and started again on the
 * same directory; the second one stays up for the load and latency metrics.
 */
export const monolith: Resource<RunningMonolith> = {
  name: "monolith",
  async start(bench) {
    const port = freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = benchEnv({ PORT: String(port), TWOFOLD_DATA_DIR: bench.scratch("monolith") });
    const fresh = await spawnTwofold("monolith", ["monolith"], url, env);
    await fresh.stop();
    const existing = await spawnTwofold("monolith", ["monolith"], url, env);
    return { value: { url, pid: existing.pid, freshMs: fresh.readyMs, existingMs: existing.readyMs }, stop: existing.stop };
  },
};
