import { describe, expect, inject, it } from "vitest";
import { shop } from "../modules/shop.ts";
import { runHarness } from "./run/harness.ts";
import { suiteWith } from "./suite.ts";
import { shopFlows } from "./systems/shop/index.ts";

/**
 * Version skew (seed 001's orderId → order_id rename): split, with the orders service writing order.placed at
 * contract version 1 while every consumer is current. The consumers read it through the upcaster, so the
 * order flow behaves exactly as in the monolith.
 */
describe("version skew", () => {
  it("current consumers tolerate an orders service still writing order.placed v1", async () => {
    const report = await runHarness({
      profiles: ["monolith", "split"],
      suites: [suiteWith(shopFlows, "E2E Order Creation Flow")],
      seed: 21,
      modules: shop.modules.map((m) => m.name),
      env: { split: { TWOFOLD_SKEW: "orders:1" } },
      redisUrl: inject("redisUrl"),
    });
    expect(report.checks.every((c) => c.passed)).toBe(true);
    expect(report.findings).toBe(0);
    const placed = (profile: string) =>
      report.checks.filter((c) => c.profile === profile).flatMap((c) => c.trace.filter((t) => t.kind === "publish" && t.name === "order.placed"));
    expect(placed("split").map((t) => t.version)).toContain(1);
    expect(placed("monolith").every((t) => t.version === 2)).toBe(true);
    const notified = report.checks
      .filter((c) => c.profile === "split")
      .flatMap((c) => c.trace.filter((t) => t.kind === "delivery" && t.name === "order.placed"));
    expect(notified.length).toBeGreaterThan(0);
    expect(notified.every((t) => t.outcome === "ok")).toBe(true);
  }, 180_000);
});
