import { join } from "node:path";
import type { Logger } from "../log/logger.ts";
import { preparePGlite } from "../persistence/pglite.ts";
import { canRunPostgres, startPostgres } from "./postgres.ts";

export interface SplitDatabase {
  /** The one server every service makes its own database on; unset, each service opens a PGlite. */
  readonly url?: string;
  readonly describe: string;
  stop(): Promise<void>;
}

/**
 * The databases of a split topology. One server serves them all, each service its own database on it (the
 * services still cannot read each other's): `DATABASE_URL` when given, else a private Postgres the launcher
 * starts (kept in `<data dir>/split-postgres`, or thrown away for "memory") — nine embedded PGlites took ~0.7 s
 * and ~350 MB each. Only where no Postgres binaries exist does each service open its own PGlite.
 */
export async function startSplitDatabase(databaseUrl: string | undefined, dataDir: string, log?: Logger): Promise<SplitDatabase> {
  if (databaseUrl) return { url: databaseUrl, describe: "DATABASE_URL", stop: async () => {} };
  if (!canRunPostgres()) {
    await preparePGlite();
    return { describe: "a PGlite per service (no postgres binary on PATH)", stop: async () => {} };
  }
  const memory = dataDir === "memory";
  const server = await startPostgres(memory ? { log } : { dataDir: join(dataDir, "split-postgres"), durable: true, log });
  return {
    url: server.url,
    describe: `postgres ${server.url}${memory ? " (temporary)" : ` in ${join(dataDir, "split-postgres")}`}`,
    stop: () => server.stop(),
  };
}
