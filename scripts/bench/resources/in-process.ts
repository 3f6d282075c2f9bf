import { SystemClient } from "../../../harness/system/client.ts";
import { shop } from "../../../modules/shop.ts";
import { loadConfig } from "../../../runtime/config.ts";
import { assembleMonolith } from "../../../runtime/host/monolith.ts";
import type { Resource } from "../context.ts";
import { benchEnv } from "../env.ts";

/**
 * The monolith assembled inside the bench's own process (in-memory PGlite, same settings as the spawned one),
 * so the SQL counter of runtime/persistence/sql-count.ts is read directly. Requests go straight to its app;
 * its access lines would land in the bench's own output, so it logs only warnings.
 */
export const inProcessMonolith: Resource<SystemClient> = {
  name: "in-process monolith",
  async start() {
    const monolith = await assembleMonolith(shop, loadConfig(benchEnv({ TWOFOLD_DATA_DIR: "memory", LOG_LEVEL: "warn" }), shop.modules));
    const client = new SystemClient("in-process", "http://in-process", async (url, init) => monolith.app.fetch(new Request(url, init)));
    return { value: client, stop: () => monolith.close() };
  },
};
