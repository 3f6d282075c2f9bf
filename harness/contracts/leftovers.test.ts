import { afterEach, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { shop } from "../../modules/shop.ts";
import { warehouseModule } from "../../modules/warehouse/module.ts";
import { type InProcessSystem, inProcess } from "../in-process.ts";
import { verificationSuite } from "./verify.ts";

/** Every verification the warehouse answers as a provider: the shop's consumers' calls of it and its events they read. */
const onWarehouse = verificationSuite(
  shop.modules.flatMap((m) => (m.consumes ? [{ ...m.consumes, uses: m.consumes.uses.filter((u) => u.contract.owner === "warehouse") }] : [])),
);

/** Far more than all the checks of a run move the clock on together (the saga checker's advances, the flows'). */
const A_RUN_OF_CHECKS_MS = 3_600_000;

const reservations = (system: InProcessSystem) =>
  system.client.sql<{ order_id: string; status: string; release_reason: string | null }>(
    "warehouse",
    "select order_id, status, release_reason from reservations order by order_id",
  );

/**
 * Contract verification runs in the topology the later checks use. A reservation it leaves must not expire
 * while they move the clock on: its release would show in whichever later check the sweep happened to run
 * (an `inventory.released` of an order that check never made), differently per profile.
 */
describe("the warehouse's contract verifications leave no reservation that expires into a later check", () => {
  let system: InProcessSystem | undefined;
  afterEach(() => system?.stop());

  it("every reservation they leave is as they left it after the clock has moved on by a run's worth", { timeout: 60_000 }, async () => {
    system = await inProcess({ modules: [warehouseModule], calls: shopCalls, events: shopEvents });
    const sys = system.client;
    for (const c of onWarehouse.checks) await c.run(sys, { seed: 0, warn: () => {} });
    await sys.idle();
    const left = await reservations(system);
    expect(left).toContainEqual({ order_id: "o-ct-orders-reserve", status: "held", release_reason: null });

    await sys.clock({ advance_ms: A_RUN_OF_CHECKS_MS });
    await sys.idle();
    expect(await reservations(system)).toEqual(left);
  });
});
