import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { RuntimeConfig } from "../config.ts";
import type { DatabaseTarget } from "../persistence/orm.ts";
import { openPGlite } from "../persistence/pglite.ts";

/** The database(s) of one process and how to close them. */
export interface ProcessDatabase {
  readonly targetOf: (module: string) => DatabaseTarget;
  readonly describe: string;
  close(): Promise<void>;
}

/**
 * Monolith: one database, a schema per module. Split: each service its own database (its own PGlite, or its
 * own Postgres database named `<db>_<service>`, created if missing). `DATABASE_URL_<MODULE>` pins a module.
 */
export async function openProcessDatabase(config: RuntimeConfig, processName: string, split: boolean): Promise<ProcessDatabase> {
  if (config.databaseUrl) {
    const url = split ? serviceDatabaseUrl(config.databaseUrl, processName) : config.databaseUrl;
    return {
      targetOf: (module) => ({ url: config.moduleDatabaseUrl(module) ?? url, timeoutMs: config.databaseTimeoutMs }),
      describe: `postgres ${redact(url)}`,
      close: async () => {},
    };
  }
  const dir = config.dataDir === "memory" ? "memory" : join(config.dataDir, processName);
  const pglite: PGlite = await openPGlite(dir);
  return {
    targetOf: (module) => {
      const url = config.moduleDatabaseUrl(module);
      return url ? { url, timeoutMs: config.databaseTimeoutMs } : { pglite };
    },
    describe: `pglite ${dir}`,
    close: () => pglite.close(),
  };
}

/** The database a split service makes its own on the one server: `<db>_<service>`. */
export function serviceDatabaseUrl(url: string, suffix: string): string {
  const parsed = new URL(url);
  const name = parsed.pathname.replace(/^\//, "") || "postgres";
  parsed.pathname = `/${name}_${suffix.replace(/-/g, "_")}`;
  return parsed.toString();
}

const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
