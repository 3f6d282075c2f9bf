import { AppError } from "../errors.ts";
import type { ModuleDb } from "../persistence/module-db.ts";

/**
 * The harness's reads of one module's database: read-only SQL inside the module's own schema (a flow's
 * `database_query`, a suite's assertion), and every row it owns (diffed across profiles).
 */
export async function readOnlyQuery(db: ModuleDb, query: string, params: readonly unknown[]): Promise<unknown[]> {
  try {
    return await db.orm.em.fork().transactional(async (em) => {
      await em.execute("set transaction read only");
      await em.execute(`set local search_path to "${db.module}", public`);
      return em.execute(query, [...params]);
    });
  } catch (error) {
    throw new AppError("invalid_query", error instanceof Error ? error.message : String(error));
  }
}

/**
 * Every row the module owns, table by table. The outbox is left out: it is the runtime's, and empty once the
 * system is idle.
 */
export async function moduleState(db: ModuleDb): Promise<Record<string, unknown[]>> {
  const em = db.em();
  const tables = await em.execute<{ table_name: string }[]>(
    "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
    [db.module],
  );
  const state: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    if (table_name === "outbox" || table_name === "schema_fingerprint") continue;
    state[table_name] = await em.execute(`select * from "${db.module}"."${table_name}"`);
  }
  return state;
}
