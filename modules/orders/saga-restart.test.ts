import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { bearer, newCustomer } from "../../harness/systems/shared/identity.ts";
import { addToCart, chargesOf, checkout, newProduct, settledOrder, stockOf } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology, type TopologyKind } from "../../harness/topologies.ts";

/**
 * Saga state is persisted: the process running orders is killed while a checkout waits for its payment, and
 * the restarted process resumes the saga to the end, with one charge. In the monolith every module dies with
 * it (payments mid-charge); split, only orders does.
 */
describe.each<TopologyKind>(["monolith", "split"])("a checkout saga survives a crash of orders (%s)", (kind) => {
  let topology: StartedTopology;
  let sys: SystemClient;
  const dataDir = mkdtempSync(join(tmpdir(), "twofold-saga-restart-"));

  beforeAll(async () => {
    topology = await startTopology(kind, {
      redisUrl: inject("redisUrl"),
      env: { TWOFOLD_DATA_DIR: dataDir, TWOFOLD_PAYMENT_SLOW_MS: "1500", TWOFOLD_CHECKOUT_TIMEOUT_MS: "60000" },
    });
    sys = new SystemClient(kind, topology.url);
  });
  afterAll(async () => {
    await topology.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("resumes after a kill mid-payment and charges exactly once", async () => {
    const customer = await newCustomer(sys);
    const productId = await newProduct(sys, { price: 30, inventory: 3 });
    await addToCart(sys, customer.token, productId, 1);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_slow" });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    await eventually(async () => {
      const order = await sys.http.get(`/api/v1/orders/${placed.body.id}`, { headers: bearer(customer.token) });
      assert.equal(order.body.saga_step, "charge");
    });

    const orders = topology.processOf("orders");
    topology.processes.kill(orders, "SIGKILL");
    await topology.processes.restart(orders);

    const order = await settledOrder(sys, customer.token, placed.body.id, 30_000);
    assert.equal(order.status, "confirmed");
    const charges = await chargesOf(sys, order.id);
    assert.equal(charges.filter((c) => c.status === "succeeded").length, 1, "one charge, however often the step ran");
    assert.equal((await stockOf(sys, productId)).on_hand, 2);
  });
});
