import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineEntity, p } from "@mikro-orm/core";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { testEnv } from "../../harness/test-env.ts";
import { defineModule } from "../module.ts";
import { moduleState } from "../observation/state-reader.ts";
import type { ModuleDb } from "./module-db.ts";

/** One table as it was before money columns were bigint, and as it is now. */
const entries = (width: "int4" | "int8") =>
  defineEntity({
    name: "Entry",
    tableName: "entries",
    schema: "ledger",
    properties: { id: p.string().primary(), cents: width === "int4" ? p.integer() : p.bigint("number") },
  });
const Entry = entries("int8");

const ledger = (width: "int4" | "int8") =>
  defineModule({
    name: "ledger",
    version: "1.0.0",
    resources: [],
    entities: [width === "int8" ? Entry : entries("int4")],
    publishes: [],
    calls: [],
    events: [],
    routes: () => new Hono(),
  });

describe("bigint money columns", () => {
  const dir = mkdtempSync(join(tmpdir(), "twofold-int8-"));
  // One database for both starts: a data dir on PGlite; under `bun run test:pg`, testEnv's own Postgres database.
  const env = { ...testEnv(), TWOFOLD_DATA_DIR: dir };
  let system: InProcessSystem | undefined;
  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const boot = (width: "int4" | "int8") => inProcess({ modules: [ledger(width)], calls: [], events: [] }, env);
  const dbOf = (running: InProcessSystem) => running.monolith.modules.dbs.get("ledger") as ModuleDb;

  it("are migrated from int4 at start, and read back as exact JS numbers by entities, raw SQL, the state dump and the harness", async () => {
    const before = await boot("int4");
    await dbOf(before).em().execute(`insert into "ledger"."entries" (id, cents) values ('old', 2147483647)`);
    await before.stop();

    system = await boot("int8");
    const db = dbOf(system);
    const em = db.em();
    expect(
      await em.execute(
        `select data_type from information_schema.columns where table_schema = 'ledger' and table_name = 'entries' and column_name = 'cents'`,
      ),
    ).toEqual([{ data_type: "bigint" }]);
    expect(await db.orm.schema.getUpdateSchemaSQL({ safe: true, wrap: false })).toBe("");

    em.create(Entry, { id: "max", cents: Number.MAX_SAFE_INTEGER });
    await em.flush();
    const rows = [
      { id: "max", cents: Number.MAX_SAFE_INTEGER },
      { id: "old", cents: 2147483647 },
    ];
    expect((await db.em().find(Entry, {}, { orderBy: { id: "asc" } })).map(({ id, cents }) => ({ id, cents }))).toEqual(rows);
    expect(await db.em().execute(`select id, cents from "ledger"."entries" order by id`)).toEqual(rows);
    const dumped = (await moduleState(db)).entries ?? [];
    expect([dumped.length, dumped]).toEqual([rows.length, expect.arrayContaining(rows)]);
    expect(await system.client.sql("ledger", "select id, cents from entries order by id")).toEqual(rows);
  });

  it("leave an int8 past Number.MAX_SAFE_INTEGER as text rather than round it", async () => {
    expect(
      await dbOf(system as InProcessSystem)
        .em()
        .execute("select 9007199254740993::int8 as n"),
    ).toEqual([{ n: "9007199254740993" }]);
  });
});
