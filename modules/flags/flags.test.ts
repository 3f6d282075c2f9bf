import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { ReadFlag } from "../../contracts/flags/calls.ts";
import { FlagChanged } from "../../contracts/flags/events.ts";
import { eventually } from "../../harness/eventually.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { defineModule, followFlags } from "../../runtime/module-api/index.ts";
import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import { flagsModule } from "./module.ts";

const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };

/** A module that reads new_pricing as orders does: `ctx.flags`, kept fresh by `followFlags`. */
const reader = defineModule({
  name: "reader",
  version: "0.0.0-test",
  resources: ["probe"],
  entities: [],
  publishes: [],
  calls: [],
  events: [followFlags(FlagChanged)],
  routes: (ctx) => new Hono().get("/probe/:user", async (c) => c.json({ on: await ctx.flags.isOn("new_pricing", c.req.param("user")) })),
});

describe("flags module", () => {
  let system: InProcessSystem;
  const put = (body: unknown, name = "new_pricing") => system.client.http.request("PUT", `/api/v1/flags/${name}`, { headers: operator, body });
  const probe = async (user: string) =>
    (await system.client.http.get(`/api/v1/probe/${user}`, { headers: { "x-correlation-id": `flag-probe-${user}` } })).body.on;
  const flagReads = async () => {
    const { body } = await system.client.http.get<{ trace: TraceEntry[] }>("/__twofold/trace?prefix=flag-probe-");
    return body.trace.filter((t) => t.kind === "call" && t.name === "flags.read").length;
  };

  beforeAll(async () => {
    system = await inProcess({ modules: [flagsModule, reader], calls: shopCalls, events: shopEvents, flagSource: ReadFlag });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it("lists every flag, off until set", async () => {
    const listed = await system.client.http.get("/api/v1/flags", { headers: operator });
    expect(listed.status).toBe(200);
    expect(listed.body.flags).toEqual([
      {
        name: "new_pricing",
        enabled: false,
        percentage: 0,
        users: [],
        version: 0,
        description: expect.stringContaining("free shipping"),
        updated_at: null,
      },
    ]);
    expect(await probe("u-1")).toBe(false);
  });

  it("announces each change with one more version, and a reader's process decides from it without asking again", async () => {
    await system.client.events.fromNow();
    const on = await put({ enabled: true, percentage: 100, users: ["u-9", "u-9"] });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ name: "new_pricing", enabled: true, percentage: 100, users: ["u-9"], version: 1 });
    const announced = await system.client.events.expect("flag.changed");
    expect(announced.payload).toMatchObject({ name: "new_pricing", enabled: true, percentage: 100, users: ["u-9"], version: 1 });
    await eventually(async () => expect(await probe("u-2")).toBe(true));

    expect((await put({ enabled: false, percentage: 100 })).body).toMatchObject({ enabled: false, users: [], version: 2 });
    await eventually(async () => expect(await probe("u-3")).toBe(false));
    const read = await system.client.http.request("POST", "/__twofold/call", {
      body: { from: "reader", name: "flags.read", request: { name: "new_pricing" } },
    });
    expect(read.body.reply).toEqual({ name: "new_pricing", enabled: false, percentage: 100, users: [], version: 2 });
    // Only the first probe, before the reader's process had a copy, read the flag.
    expect(await flagReads()).toBe(1);
  });

  it("refuses an unknown flag (404) and a rollout outside its bounds (400), changing nothing", async () => {
    const before = (await system.client.http.get("/api/v1/flags/new_pricing", { headers: operator })).body;
    expect((await put({ enabled: true, percentage: 5 }, "__proto__")).body.error.code).toBe("flag_not_found");
    expect((await put({ enabled: true, percentage: 5 }, "old_pricing")).status).toBe(404);
    expect((await put({ enabled: true, percentage: 100.5 })).status).toBe(400);
    expect((await put({ enabled: true, percentage: 10, users: Array.from({ length: 101 }, (_, i) => `u-${i}`) })).status).toBe(400);
    expect((await system.client.http.get("/api/v1/flags/new_pricing", { headers: operator })).body).toEqual(before);
  });
});
