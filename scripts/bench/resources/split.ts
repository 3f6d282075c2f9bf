import { freePort } from "../../../runtime/infra/ports.ts";
import builtInTopology from "../../../topology.json";
import type { Resource } from "../context.ts";
import { benchEnv } from "../env.ts";
import { treeRssBytes } from "../proc.ts";
import { spawnTwofold } from "../spawn.ts";

export interface RunningSplit {
  readonly url: string;
  /** The launcher: every service, the gateway, Redis and Postgres (with its backends) run below it. */
  readonly pid: number;
  readonly readyMs: number;
  /** Resident memory of the whole tree once the gateway is ready. */
  readonly rssBytes: number;
}

/**
 * `bun scripts/twofold.ts split` in a fresh data directory: it starts its own Redis and Postgres server, every
 * service and the gateway, each on a free port (so it never meets another run on the default ones).
 */
export const split: Resource<RunningSplit> = {
  name: "split",
  async start(bench) {
    const port = freePort();
    const ports = Object.fromEntries(
      builtInTopology.services.map((s) => [`TWOFOLD_PORT_${s.name.toUpperCase().replace(/-/g, "_")}`, String(freePort())]),
    );
    const url = `http://127.0.0.1:${port}`;
    const env = benchEnv({ ...ports, PORT: String(port), TWOFOLD_DATA_DIR: bench.scratch("split") });
    const launched = await spawnTwofold("split", ["split"], url, env);
    return { value: { url, pid: launched.pid, readyMs: launched.readyMs, rssBytes: treeRssBytes(launched.pid) }, stop: launched.stop };
  },
};
