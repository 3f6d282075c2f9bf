import type { PGlite } from "@electric-sql/pglite";
import { Hono } from "hono";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCall, defineEvent } from "../../contracts/define.ts";
import { eventually } from "../../harness/eventually.ts";
import { testEnv } from "../../harness/test-env.ts";
import { Bus } from "../bus/bus.ts";
import { createCatalog } from "../bus/catalog.ts";
import { createTransport, transports } from "../bus/transports.ts";
import { loadConfig } from "../config.ts";
import { isAppError } from "../errors.ts";
import { bootModules } from "../host/boot.ts";
import { MemoryRateLimiter } from "../limits/memory.ts";
import { silentLogger } from "../log/logger.ts";
import { answer, defineModule, on } from "../module.ts";
import { openPGlite } from "./pglite.ts";

const Noted = defineEvent({ type: "ledger.noted", owner: "ledger", payload: v.object({ n: v.number() }) });
const Peek = defineCall({ name: "auditor.peek", owner: "auditor", request: v.object({}), reply: v.object({ seen: v.array(v.number()) }) });

const seen: number[] = [];
const ledger = defineModule({
  name: "ledger",
  version: "1.0.0",
  resources: [],
  entities: [],
  publishes: [Noted],
  calls: [],
  events: [],
  routes: () => new Hono(),
});
const auditor = defineModule({
  name: "auditor",
  version: "1.0.0",
  resources: [],
  entities: [],
  publishes: [],
  calls: [answer(Peek, async () => ({ seen }))],
  events: [on(Noted, async ({ n }, ctx) => void (await ctx.transaction(async () => void seen.push(n))))],
  routes: () => new Hono(),
});

const config = loadConfig({ ...testEnv(), TWOFOLD_OUTBOX_SWEEP_MS: "50" });
const boot = (pglite: PGlite) => {
  const bus = new Bus({
    catalog: createCatalog([Peek], [Noted]),
    transport: createTransport(transports.memory, config),
    subscribersOf: (type) => (type === Noted.type ? ["auditor"] : []),
    callTimeoutMs: 1000,
  });
  return bootModules([ledger, auditor], bus, () => ({ pglite }), config, {
    limits: new MemoryRateLimiter(),
    log: silentLogger(),
    instance: "monolith",
  }).then((modules) => ({
    bus,
    modules,
  }));
};

describe("outbox and inbox", () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await openPGlite("memory");
  });
  afterAll(() => pglite.close());

  it("keeps a committed event through a crash before relay and delivers it after restart, once", async () => {
    const first = await boot(pglite);
    await first.modules.dbs.get("ledger")?.transaction(async (tx) => tx.publish(Noted, { n: 1 }));
    expect(await first.modules.outboxPending()).toBe(1);
    // The process dies here: its relay never ran. Only the database survives.
    await first.modules.close();

    const second = await boot(pglite);
    second.modules.startRelays();
    await eventually(async () => expect(await second.modules.outboxPending()).toBe(0));
    expect(seen).toEqual([1]);

    const redelivered = (await pglite.query<{ envelope: unknown }>(`select envelope from "ledger"."outbox"`)).rows;
    expect(redelivered).toEqual([]);
    await second.modules.stopRelays();
    await second.modules.close();
  });

  it("publishes nothing when the transaction rolls back", async () => {
    const system = await boot(pglite);
    const failed = system.modules.dbs.get("ledger")?.transaction(async (tx) => {
      tx.publish(Noted, { n: 2 });
      throw new Error("business rule broken");
    });
    await expect(failed).rejects.toThrow("business rule broken");
    expect(await system.modules.outboxPending()).toBe(0);
    await system.modules.close();
  });

  it("refuses a call made inside a transaction, the same way in every topology", async () => {
    const system = await boot(pglite);
    const error = await system.modules.dbs
      .get("ledger")
      ?.transaction(() => system.bus.call("ledger", Peek, {}))
      .catch((e: unknown) => e);
    expect(isAppError(error, "call_in_transaction")).toBe(true);
    await system.modules.close();
  });

  it("refuses to publish an event the module does not declare", async () => {
    const system = await boot(pglite);
    const error = await system.modules.dbs
      .get("auditor")
      ?.transaction(async (tx) => tx.publish(Noted, { n: 3 }))
      .catch((e: unknown) => e);
    expect(isAppError(error, "contract_violation")).toBe(true);
    await system.modules.close();
  });
});
