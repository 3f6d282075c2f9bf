import type { PGlite } from "@electric-sql/pglite";
import type { EntitySchema } from "@mikro-orm/core";
import { MikroORM } from "@mikro-orm/postgresql";
import { idempotencyEntity, inboxEntity, outboxEntity } from "./messages.ts";
import { PGliteDialect } from "./pglite-dialect.ts";

/** Where a module's data lives: an embedded PGlite (shared by all modules in the monolith) or a Postgres URL. */
export type DatabaseTarget = { readonly pglite: PGlite } | { readonly url: string };

// Entity schemas differ per module; MikroORM takes them all alike.
export type AnyEntity = EntitySchema<any, any>;

/**
 * One MikroORM per module, over the module's own Postgres schema (named after the module) plus its outbox,
 * inbox and idempotency keys. The schema is created or migrated additively at start; nothing is ever dropped.
 */
export async function openModuleOrm(target: DatabaseTarget, module: string, entities: readonly AnyEntity[]): Promise<MikroORM> {
  const all = [...entities, outboxEntity(module), inboxEntity(module), idempotencyEntity(module)];
  const orm =
    "pglite" in target
      ? await MikroORM.init({ entities: all, dbName: "postgres", driverOptions: new PGliteDialect(target.pglite) })
      : await MikroORM.init({ entities: all, clientUrl: target.url });
  if (!("pglite" in target)) await orm.schema.ensureDatabase({ create: true });
  await orm.schema.update({ safe: true });
  return orm;
}
