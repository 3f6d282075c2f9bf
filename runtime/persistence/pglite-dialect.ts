import type { PGlite, ParserOptions, Results } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { INT8_OID, parseInt8 } from "./int8.ts";
import { Mutex } from "./mutex.ts";

/**
 * PGlite is one Postgres session. Every ORM on the same instance (one per module in the monolith) takes this
 * lock for a whole connection lease, so one module's statements never land inside another's transaction.
 */
const sessions = new WeakMap<PGlite, Mutex>();
const sessionOf = (db: PGlite): Mutex => {
  let mutex = sessions.get(db);
  if (!mutex) sessions.set(db, (mutex = new Mutex()));
  return mutex;
};

const raw = (value: string) => value;
/** Values come back as `pg` returns them to MikroORM (dates, timestamps, intervals and numeric as text), int8 as orm.ts has `pg` parse it. */
const parsers: ParserOptions = { 1082: raw, 1114: raw, 1184: raw, 1186: raw, 1700: raw, [INT8_OID]: parseInt8 };

const WRITES = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

function toQueryResult<R>(result: Results<unknown> | undefined): QueryResult<R> {
  if (!result) return { rows: [] };
  const rows = result.rows as R[];
  const command = result.command?.toUpperCase();
  return command && WRITES.has(command) ? { rows, numAffectedRows: BigInt(result.affectedRows ?? 0) } : { rows };
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly db: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // MikroORM inlines its parameters, and multi-statement DDL is only accepted by the simple protocol (exec).
    if (query.parameters.length === 0) {
      const results = await this.db.exec(query.sql, { parsers });
      return toQueryResult<R>(results.at(-1));
    }
    return toQueryResult<R>(await this.db.query(query.sql, [...query.parameters], { parsers }));
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

class PGliteDriver implements Driver {
  private readonly releases = new Map<DatabaseConnection, () => void>();

  constructor(private readonly db: PGlite) {}

  async init(): Promise<void> {
    await this.db.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await sessionOf(this.db).lock();
    const connection = new PGliteConnection(this.db);
    this.releases.set(connection, release);
    return connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    const mode = settings.accessMode ? ` ${settings.accessMode}` : "";
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}${mode}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quote(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quote(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quote(name)}`));
  }

  /** MikroORM destroys its Kysely on close; the PGlite instance belongs to the host, so it stays open. */
  async destroy(): Promise<void> {
    for (const release of this.releases.values()) release();
    this.releases.clear();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A Kysely dialect over one PGlite instance, handed to MikroORM through `driverOptions`. */
export class PGliteDialect implements Dialect {
  constructor(private readonly db: PGlite) {}

  createDriver(): Driver {
    return new PGliteDriver(this.db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createAdapter() {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
