import assert from "node:assert/strict";
import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { check, defineSuite } from "../suite.ts";
import { newCustomer } from "../systems/shared/identity.ts";
import { shopChecks } from "../systems/shop/index.ts";
import { addToCart, checkout, newProduct } from "../systems/shop/steps.ts";
import { flagVariants, parseRunFlag } from "./flags.ts";

const shopFlags = shopChecks.flags;

import { runHarness } from "./harness.ts";

describe("a run's flags (--flag, --flag-diff)", () => {
  it("read on, off and a percentage, and name what they cannot read", () => {
    expect(parseRunFlag("new_pricing=on", shopFlags).setting).toEqual({ enabled: true, percentage: 100 });
    expect(parseRunFlag("new_pricing=off", shopFlags).setting).toEqual({ enabled: false, percentage: 0 });
    expect(parseRunFlag("new_pricing=025", shopFlags)).toEqual({
      name: "new_pricing",
      setting: { enabled: true, percentage: 25 },
      written: "new_pricing=25",
    });
    expect(() => parseRunFlag("old_pricing=on", shopFlags)).toThrow(/flag "old_pricing" is none of: new_pricing/);
    for (const bad of ["new_pricing", "new_pricing=101", "new_pricing=-1", "new_pricing=yes", "new_pricing=constructor"])
      expect(() => parseRunFlag(bad, shopFlags)).toThrow(/on, off or a percentage 0\.\.100/);
  });

  it("run each profile once with the run's flags, or twice for a diff, the diffed flag off then on", () => {
    const fifty = parseRunFlag("new_pricing=50", shopFlags);
    expect(flagVariants([fifty])).toEqual([{ suffix: "", flags: [fifty] }]);
    expect(flagVariants([fifty], "new_pricing", shopFlags).map((v) => [v.suffix, v.flags.map((f) => f.written)])).toEqual([
      [" new_pricing=off", ["new_pricing=off"]],
      [" new_pricing=on", ["new_pricing=on"]],
    ]);
  });

  it("--flag-diff reports the checks the flag changes, and only those, as its effect", async () => {
    const suite = defineSuite("Flag diff", [
      check("a 60.00 checkout", async (sys) => {
        const customer = await newCustomer(sys);
        await addToCart(sys, customer.token, await newProduct(sys, { price: 60, inventory: 1 }), 1);
        const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
        assert.equal(placed.status, 202, JSON.stringify(placed.body));
      }),
      check("a product's page", async (sys) => {
        const id = await newProduct(sys, { price: 60, inventory: 1 });
        assert.equal((await sys.http.get(`/api/v1/products/${id}`)).status, 200);
      }),
    ]);
    const report = await runHarness({
      profiles: ["monolith"],
      suites: [suite],
      seed: 8,
      modules: shop.modules.map((m) => m.name),
      flagDiff: "new_pricing",
      systemFlags: shopFlags,
    });
    expect(report.flagDiff).toBe("new_pricing");
    expect(report.profiles.map((p) => p.profile)).toEqual(["monolith new_pricing=off", "monolith new_pricing=on"]);
    expect(report.checks.every((c) => c.passed)).toBe(true);
    expect(report.findings).toBe(0);
    expect(new Set(report.divergences.map((d) => d.check))).toEqual(new Set(["a 60.00 checkout"]));
    const response = report.divergences.find((d) => d.kind === "response");
    expect(response?.profiles).toEqual(["monolith new_pricing=off", "monolith new_pricing=on"]);
    expect(response?.known?.id).toBe("flag:new_pricing");
    expect(response?.firstDivergentStep?.baseline).toMatch(/"pricing":"v1"/);
    expect(response?.firstDivergentStep?.other).toMatch(/"pricing":"v2"/);
  }, 120_000);
});
