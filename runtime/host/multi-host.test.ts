import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { bearer, newCustomer } from "../../harness/systems/shared/identity.ts";
import { addToCart, checkout, newProduct, settledOrder, stockOf } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import builtInTopology from "../../topology.json";
import { placementVariable } from "../config.ts";
import { freePort } from "../infra/ports.ts";
import { canRunPostgres } from "../infra/postgres.ts";

/**
 * Every service on a loopback address of its own (Linux routes all of 127/8 to lo), all on one port, as
 * machines or pods of their own would be: a process that assumed its peers on 127.0.0.1, or told them apart
 * by port, would not get one request through.
 */
const port = freePort();
const hosts = new Map(builtInTopology.services.map((s, i) => [s.name, `127.0.0.${i + 2}`]));
const placement = Object.fromEntries(
  [...hosts].flatMap(([service, host]) => [
    [placementVariable("HOST", service), host],
    [placementVariable("PORT", service), String(port)],
  ]),
);

describe.runIf(process.platform === "linux")("split with every service on a host of its own", () => {
  let topology: StartedTopology;
  let sys: SystemClient;

  beforeAll(async () => {
    topology = await startTopology("split", { redisUrl: inject("redisUrl"), env: { ...placement, LOG_LEVEL: "info", LOG_FORMAT: "json" } });
    sys = new SystemClient("split", topology.url);
  });
  afterAll(() => topology?.stop());

  it("each service listens on its own address only, on the database server the launcher started", async () => {
    const records = readFileSync(topology.logFile, "utf8")
      .split("\n")
      .map((line) => line.slice(line.indexOf("{")))
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { service: string; host?: string; port?: number; database?: string; startup_ms?: number });
    for (const [service, host] of hosts) {
      const health = await fetch(`http://${host}:${port}/health`);
      expect(await health.json()).toMatchObject({ process: service });
      const ready = records.find((r) => r.service === service && r.startup_ms !== undefined);
      expect([ready?.host, ready?.port]).toEqual([host, port]);
      expect(ready?.database).toMatch(canRunPostgres() ? /^postgres postgresql:\/\// : /pglite/);
    }
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it("serves a customer through the gateway across every service: sign-up, cart, checkout, stock, notifications", async () => {
    const product = await newProduct(sys, { price: 12.5, inventory: 3 });
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, product, 2);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    expect((await settledOrder(sys, customer.token, placed.body.id)).status).toBe("confirmed");
    expect(await stockOf(sys, product)).toMatchObject({ on_hand: 1, reserved: 0 });
    await eventually(async () => {
      expect((await sys.http.get("/api/v1/cart", { headers: bearer(customer.token) })).body.items).toEqual([]);
      const notifications = await sys.http.get("/api/v1/notifications", { headers: bearer(customer.token) });
      expect(notifications.body.notifications.map((n: { kind: string }) => n.kind)).toContain("order_confirmed");
    });
  });
});
