import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { crashFaultOf, crashPoints, crashSweepSuite } from "./crash-sweep.ts";

describe("the crash sweep", () => {
  const points = crashPoints(shop.modules);

  it("stops every handler, inbox commit, publisher and saga call the modules declare, from their declarations", () => {
    const declared = shop.modules.flatMap((m) => [
      ...m.events.map((b) => `crash:after-handler:${m.name}:${b.contract.type}`),
      ...m.events.filter((b) => b.inbox).map((b) => `crash:before-commit:${m.name}:${b.contract.type}`),
      ...m.publishes.map((c) => `crash:before-relay:${m.name}:${c.type}`),
    ]);
    expect(
      points
        .filter((p) => p.point !== "after-reply")
        .map(crashFaultOf)
        .sort(),
    ).toEqual(declared.sort());
    expect(points.filter((p) => p.point === "after-reply").map(crashFaultOf)).toEqual([
      "crash:after-reply:orders:warehouse.reserve",
      "crash:after-reply:orders:payments.charge",
      "crash:after-reply:orders:warehouse.commit",
    ]);
  });

  it("makes one check per point, and knows a point reached from the trace entry it stops at", () => {
    expect(crashSweepSuite(shop.modules, async () => {}).checks).toHaveLength(points.length);
    const confirmedToNotifications = points.find((p) => crashFaultOf(p) === "crash:before-commit:notifications:order.confirmed");
    const entry = { kind: "delivery", to: "notifications", from: "orders", name: "order.confirmed" } as const;
    expect(
      confirmedToNotifications?.reached({ ...entry, process: "p", at: 0, durationMs: 0, correlationId: "c", causationId: null, outcome: "ok" }),
    ).toBe(true);
    expect(
      confirmedToNotifications?.reached({
        ...entry,
        to: "cart",
        process: "p",
        at: 0,
        durationMs: 0,
        correlationId: "c",
        causationId: null,
        outcome: "ok",
      }),
    ).toBe(false);
  });
});
