import type { PGlite } from "@electric-sql/pglite";
import type { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openModuleOrm } from "./orm.ts";
import { openPGlite } from "./pglite.ts";
import { sqlCount } from "./sql-count.ts";

let pglite: PGlite;
let orm: MikroORM;

beforeAll(async () => {
  pglite = await openPGlite("memory");
  orm = await openModuleOrm({ pglite }, "counted", []);
});

afterAll(async () => {
  await orm.close();
  await pglite.close();
});

it("counts each statement a module's ORM sends, and each transaction once, without its begin and commit", async () => {
  const before = { ...sqlCount };
  await orm.em.fork().execute("select 1");
  await orm.em.fork().transactional(async (em) => {
    await em.execute("select 2");
    await em.execute("select 3");
  });
  expect(sqlCount.statements - before.statements).toBe(3);
  expect(sqlCount.transactions - before.transactions).toBe(1);
});

it("counts a rolled-back transaction and the statement that failed in it", async () => {
  const before = { ...sqlCount };
  await expect(orm.em.fork().transactional((em) => em.execute("select * from no_such_table"))).rejects.toThrow();
  expect(sqlCount.statements - before.statements).toBe(1);
  expect(sqlCount.transactions - before.transactions).toBe(1);
});
