import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SystemClient } from "../../harness/system/client.ts";
import { operator } from "../../harness/systems/shared/identity.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import type { TraceEntry } from "../observation/trace.ts";

/**
 * The replicated split topology (the `split-replicated` profile's): two processes per service on one shared
 * database, the gateway and every caller sharing requests between them, a replica's loss taken by the other.
 */
describe("split topology with two replicas of every service", () => {
  let topology: StartedTopology;
  let sys: SystemClient;

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      env: { TWOFOLD_REPLICAS: "2" },
    });
    sys = new SystemClient("split", topology.url);
  });
  afterAll(() => topology.stop());

  it("starts both replicas of every service, ready, and shares requests and calls between them", async () => {
    const { body: ready } = await sys.http.get<{ checks: Record<string, boolean> }>("/ready");
    for (const service of ["users", "orders", "warehouse", "products"]) {
      expect([ready.checks[service], ready.checks[`${service}-2`]]).toEqual([true, true]);
    }
    for (let i = 0; i < 4; i++) {
      const created = await sys.http.post(
        "/api/v1/products",
        { name: `Shared ${i}`, price: 2, inventory: 1 },
        { headers: { ...operator, "x-correlation-id": `replicas-${i}` } },
      );
      expect(created.status).toBe(201);
    }
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>("/__twofold/trace?prefix=replicas-");
    const served = (kind: TraceEntry["kind"], pick: (e: TraceEntry) => boolean) =>
      [...new Set(body.trace.filter((e) => e.kind === kind && pick(e)).map((e) => e.process))].sort();
    // Four creations through the gateway: both products processes answered, and both called the warehouse.
    expect(served("http", (e) => e.name.startsWith("POST /api/v1/products"))).toEqual(["gateway", "products", "products-2"]);
    expect(served("call", (e) => e.to === "warehouse")).toEqual(["products", "products-2"]);
  });
});
