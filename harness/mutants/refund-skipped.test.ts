import assert from "node:assert/strict";
import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import type { RunReport } from "../report/model.ts";
import { runHarness } from "../run/harness.ts";
import { check, defineSuite } from "../suite.ts";
import { newCustomer } from "../systems/shared/identity.ts";
import { shopInvariants } from "../systems/shop/invariants/index.ts";
import { addToCart, checkout, newProduct, settledOrder } from "../systems/shop/steps.ts";

const modules = shop.modules.map((m) => m.name);
const orders: string[] = [];

/** A checkout charged and then cancelled: its reservation lapses (a 1 ms lifetime) before the saga commits it. */
const suite = defineSuite("missing compensation", [
  check("a checkout whose reservation lapses after the charge is cancelled", async (sys) => {
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, await newProduct(sys, { price: 12.5, inventory: 3 }), 1);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    orders.push(placed.body.id);
    const order = await settledOrder(sys, customer.token, placed.body.id);
    assert.deepEqual([order.status, order.status_reason], ["cancelled", "reservation_expired"]);
  }),
]);

const run = (entry?: string): Promise<RunReport> =>
  runHarness({
    profiles: ["monolith"],
    suites: [suite],
    seed: 3,
    modules,
    invariants: shopInvariants,
    system: entry ? { entry, topologyFile: "topology.json", modules } : undefined,
    env: { monolith: { TWOFOLD_RESERVATION_TTL_MS: "1" } },
  });

/**
 * Proof that the shop's invariants find what no profile comparison can: a compensation that is missing the
 * same way in every profile. The check itself passes on both builds — the customer sees a cancelled order —
 * and only the invariants, checked after it, and the reconciliation at the end name the order that kept its money.
 */
describe("the shop's invariants find a bug that is wrong the same way everywhere", { timeout: 120_000 }, () => {
  it("a correct shop refunds the cancelled order's charge: no invariant broken, nothing lost, doubled or stuck", async () => {
    const report = await run();
    expect(report.checks.map((c) => [c.passed, c.error])).toEqual([[true, undefined]]);
    expect(report.checks[0]?.invariants).toEqual([]);
    expect(report.profiles[0]?.reconciliation).toEqual({ lost: [], doubled: [], stuck: [], late: 0 });
    expect(report.findings).toBe(0);
  });

  it("a missing refund is caught after the check and in the reconciliation, naming the order and the charge it kept", async () => {
    const report = await run("harness/fixtures/shop/mutants/refund-skipped.ts");
    const order = orders.at(-1);
    expect(report.checks.map((c) => c.passed)).toEqual([true]);
    const broken = report.checks[0]?.invariants ?? [];
    expect(broken.map((f) => [f.invariant, f.kind, f.module, f.entity])).toEqual([
      ["a cancelled order's charges are fully refunded", "lost", "orders", order],
    ]);
    expect(broken[0]?.problem).toMatch(/^cancelled \(reservation_expired\), but its charge \S+ keeps 1749 of 1749 cents: its refund was lost$/);
    expect(report.profiles[0]?.reconciliation?.lost.map((f) => f.entity)).toEqual([order]);
    expect(report.findings).toBe(1);
  });
});
