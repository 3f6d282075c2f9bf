import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import type { FaultProxy } from "../../harness/nemesis/proxy/proxy.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { operator } from "../../harness/systems/shared/identity.ts";
import { newProduct } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import { canRunPostgres } from "../infra/postgres.ts";

/** Each database round trip's deadline in this topology (TWOFOLD_DB_TIMEOUT_MS). */
const DB_TIMEOUT_MS = 1500;

/**
 * One service's database stalls (issue 11's scenario: the network to it holds every packet, or refuses it):
 * requests that need it answer 503 database_unavailable within the deadline instead of hanging, the other
 * services keep answering, and once the database answers again so does the service, with fresh connections.
 */
describe.runIf(process.platform === "linux" && canRunPostgres())("split topology with one service's database stalled", () => {
  let topology: StartedTopology;
  let sys: SystemClient;
  let proxy: FaultProxy;
  let productId: string;
  const inventory = () => sys.http.get(`/api/v1/inventory/${productId}`, { headers: operator });

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      databaseProxyFor: "warehouse",
      env: { TWOFOLD_DB_TIMEOUT_MS: String(DB_TIMEOUT_MS) },
    });
    sys = new SystemClient("split", topology.url);
    if (!topology.databaseProxy) throw new Error("the topology has no database proxy");
    proxy = topology.databaseProxy;
    productId = await newProduct(sys, { price: 2, inventory: 3 });
  });
  afterAll(() => topology?.stop());

  /** With the proxy's faults on: two reads of the warehouse answer 503 within the deadline; products still answers. */
  async function unavailableWhile(faults: string): Promise<void> {
    expect((await inventory()).status).toBe(200);
    proxy.apply(faults);
    try {
      for (let i = 0; i < 2; i++) {
        const stalled = await inventory();
        expect([stalled.status, stalled.body.error?.code]).toEqual([503, "database_unavailable"]);
        expect(stalled.ms).toBeLessThan(DB_TIMEOUT_MS + 1500);
      }
      expect((await sys.http.get(`/api/v1/products/${productId}`)).status).toBe(200);
    } finally {
      proxy.apply("");
    }
    await eventually(async () => expect((await inventory()).status).toBe(200), { timeoutMs: 15_000 });
    const received = await sys.http.post(`/api/v1/inventory/${productId}/receipts`, { quantity: 1 }, { headers: operator });
    expect(received.status).toBe(201);
  }

  it("answers 503 database_unavailable within the deadline while its database holds every packet, and recovers", () => unavailableWhile("timeout=0"));

  it("answers 503 database_unavailable at once while its database refuses connections, and recovers", () => unavailableWhile("down"));
});
