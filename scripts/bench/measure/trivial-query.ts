import type { MikroORM } from "@mikro-orm/postgresql";
import { openModuleOrm } from "../../../runtime/persistence/orm.ts";
import { openPGlite } from "../../../runtime/persistence/pglite.ts";
import type { Bench } from "../context.ts";
import { postgres } from "../resources/postgres.ts";
import { alternating } from "../stats.ts";

/** `select 1` through a module's MikroORM (em.execute on a fork, as module code reads), in µs, beside the driver alone. */
async function trivialQuery(bench: Bench, orm: MikroORM, raw: () => Promise<unknown>): Promise<{ value: number; floor: number }> {
  try {
    return await alternating(bench.sizes.batches, bench.sizes.queries, () => orm.em.fork().execute("select 1"), raw);
  } finally {
    await orm.close();
  }
}

/** On the embedded PGlite the monolith runs on; the floor is PGlite's own query(). */
export async function trivialQueryPGlite(bench: Bench): Promise<{ value: number; floor: number }> {
  const pglite = await openPGlite("memory");
  try {
    return await trivialQuery(bench, await openModuleOrm({ pglite }, "trivial", []), () => pglite.query("select 1"));
  } finally {
    await pglite.close();
  }
}

/** On the private Postgres server; the floor is a query on the `pg` pool MikroORM itself drives. */
export async function trivialQueryPostgres(bench: Bench): Promise<{ value: number; floor: number }> {
  const server = await bench.use(postgres);
  const orm = await openModuleOrm({ url: server.databaseUrl("bench_trivial") }, "trivial", []);
  const pool = await orm.em.getConnection().getNativeClient();
  return trivialQuery(bench, orm, () => pool.query("select 1"));
}
