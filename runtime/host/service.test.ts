import { describe, expect, it } from "vitest";
import { system } from "../../harness/fixtures/ledger/system.ts";
import { ledgerTopology } from "../../harness/fixtures/ledger/topology.ts";
import { loadConfig } from "../config.ts";
import { startService } from "./service.ts";

describe("a split service", () => {
  it("refuses to start as one of several replicas without a shared database server (each would open its own embedded one)", async () => {
    const env = { TWOFOLD_REPLICAS: "2", TWOFOLD_INTERNAL_TOKEN: "a-test-internal-token", REDIS_URL: "redis://127.0.0.1:1" };
    const config = loadConfig(env, system.modules);
    const topology = await ledgerTopology(env);
    expect(topology.instances.map((i) => i.name)).toContain("reports-2");
    await expect(startService(system, config, topology, "reports-2")).rejects.toThrow(/2 replicas, which must share one database: set DATABASE_URL/);
  });
});
