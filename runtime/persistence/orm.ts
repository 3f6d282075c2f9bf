import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import type { EntitySchema } from "@mikro-orm/core";
import { MikroORM } from "@mikro-orm/postgresql";
import { type DeadlinePool, deadlineOptions, dropTimedOutClients } from "./deadline.ts";
import { INT8_OID, parseInt8 } from "./int8.ts";
import { idempotencyEntity, inboxEntity, outboxEntity } from "./messages.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { CountingLogger } from "./sql-count.ts";

/**
 * Where a module's data lives: an embedded PGlite (shared by all modules in the monolith) or a Postgres URL, with
 * the deadline of each round trip to it (runtime/persistence/deadline.ts; unset, none).
 */
export type DatabaseTarget = { readonly pglite: PGlite } | { readonly url: string; readonly timeoutMs?: number };

// Entity schemas differ per module; MikroORM takes them all alike.
// biome-ignore lint/suspicious/noExplicitAny: any entity and its class, which MikroORM's schema type is invariant in.
export type AnyEntity = EntitySchema<any, any>;

/** The type parsers MikroORM gives its `pg` pool, before any connection: int8 as PGlite's dialect parses it. */
interface PgPool {
  readonly options: { readonly types: { setTypeParser(oid: number, parse: (text: string) => unknown): void } };
}
const parseInt8AsNumber = (pool: PgPool): void => pool.options.types.setTypeParser(INT8_OID, parseInt8);

const postgresOptions = (timeoutMs: number | undefined) =>
  timeoutMs === undefined
    ? { onPoolCreated: parseInt8AsNumber }
    : {
        ...deadlineOptions(timeoutMs),
        onPoolCreated: (pool: PgPool & DeadlinePool) => {
          parseInt8AsNumber(pool);
          dropTimedOutClients(pool);
        },
      };

/**
 * One MikroORM per module, over the module's own Postgres schema (named after the module) plus its outbox,
 * inbox and idempotency keys. The schema is created or migrated additively at start (a column may be widened in
 * place, int4 to int8); nothing is ever dropped.
 */
export async function openModuleOrm(target: DatabaseTarget, module: string, entities: readonly AnyEntity[]): Promise<MikroORM> {
  const all = [...entities, outboxEntity(module), inboxEntity(module), idempotencyEntity(module)];
  return createdOnce(async () => {
    const orm = await initOrm(target, all);
    try {
      if (!("pglite" in target)) await orm.schema.ensureDatabase({ create: true });
      await ensureSchema(orm, module);
      return orm;
    } catch (error) {
      await orm.close();
      throw error;
    }
  });
}

const initOrm = (target: DatabaseTarget, all: AnyEntity[]): Promise<MikroORM> =>
  // PGlite answers in this process: it cannot stall as a server or a network does, so only Postgres has a deadline.
  "pglite" in target
    ? MikroORM.init({
        entities: all,
        dbName: "postgres",
        driverOptions: new PGliteDialect(target.pglite),
        loggerFactory: CountingLogger.create,
      })
    : MikroORM.init({
        entities: all,
        clientUrl: target.url,
        driverOptions: postgresOptions(target.timeoutMs),
        loggerFactory: CountingLogger.create,
      });

/** Postgres's answers when another session created the same database, schema, table or type a moment before. */
const CREATED_BY_ANOTHER = new Set(["42P04", "42P06", "42P07", "42710", "23505"]);
const CREATE_ATTEMPTS = 5;

/**
 * Replicas of a service start at once and open one database: both may find it (or its schema) missing and
 * create it, and the second create fails. That failure means the work is done or under way, so it starts
 * again after a short, jittered wait — with a new ORM: one whose CREATE DATABASE failed stays connected to
 * the server's maintenance database (a replica wrote its tables there and answered from them) — and then
 * finds the objects there and only compares fingerprints.
 */
async function createdOnce<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= CREATE_ATTEMPTS || !code || !CREATED_BY_ANOTHER.has(code)) throw error;
      await Bun.sleep(50 + Math.random() * 150 * attempt);
    }
  }
}

/**
 * Diffing against the live database introspects all of it (~300 ms a module on PGlite), so it runs only when
 * the entities changed: a schema that does not exist yet is created (~25 ms, every start in memory), and an
 * existing one is migrated only if the fingerprint of its DDL differs from the one stored with it.
 */
async function ensureSchema(orm: MikroORM, module: string): Promise<void> {
  const connection = orm.em.getConnection();
  const fingerprint = createHash("sha256")
    .update(await orm.schema.getCreateSchemaSQL())
    .digest("hex");
  const table = `"${module}"."schema_fingerprint"`;
  const exists = await connection.execute("select 1 from pg_namespace where nspname = ?", [module]);
  if (exists.length === 0) {
    await orm.schema.create();
  } else {
    await connection.execute(`create table if not exists ${table} (fingerprint text not null)`);
    const [stored] = await connection.execute<{ fingerprint: string }[]>(`select fingerprint from ${table}`);
    if (stored?.fingerprint === fingerprint) return;
    await orm.schema.update({ safe: true });
  }
  await connection.execute(`create table if not exists ${table} (fingerprint text not null)`);
  await connection.execute(`delete from ${table}`);
  await connection.execute(`insert into ${table} (fingerprint) values (?)`, [fingerprint]);
}
