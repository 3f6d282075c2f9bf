import { describe, expect, it } from "vitest";
import type { CheckRun, StateDelta, TraceRecord } from "../report/model.ts";
import { viewOf } from "./view.ts";

const run = (state: StateDelta): CheckRun => ({
  suite: "s",
  check: "c",
  profile: "p",
  passed: true,
  durationMs: 1,
  steps: [],
  trace: [],
  state,
  warnings: [],
});

const saga = (version: number) => ({ order_id: "o-1", step: "done", done: ["reserve"], reason: "payment_timeout", attempts: 0, version });
const stock = (version: number) => ({ product_id: "p-1", on_hand: 10, reserved: 0, version });

describe("the compared view of a check's state", () => {
  it("compares a saga row without its version: how many writes a saga took depends on timing", () => {
    const of = (version: number) => viewOf(run({ orders: { sagas: { added: [saga(version)], removed: [] } } })).state;
    expect(of(8)).toEqual(of(6));
    expect(JSON.parse(of(8)["orders.sagas"]?.added[0] ?? "null")).toEqual({ ...saga(0), version: "<volatile>" });
  });

  it("still compares a version elsewhere, and a saga's own behaviour", () => {
    const stockOf = (version: number) => viewOf(run({ warehouse: { stock: { added: [stock(version)], removed: [] } } })).state;
    expect(stockOf(3)).not.toEqual(stockOf(2));
    const sagaOf = (reason: string) => viewOf(run({ orders: { sagas: { added: [{ ...saga(8), reason }], removed: [] } } })).state;
    expect(sagaOf("payment_timeout")).not.toEqual(sagaOf("payment_declined"));
  });

  it("counts an event published again under its own id once, and two events for one fact twice", () => {
    const publish = (messageId: string): TraceRecord => ({
      kind: "publish",
      process: "orders",
      at: 1,
      durationMs: 0,
      from: "orders",
      to: "bus",
      name: "order.confirmed",
      messageId,
      correlationId: "c",
      causationId: null,
      outcome: "ok",
      payload: { order_id: "o-1" },
    });
    const publishes = (...ids: string[]) => viewOf({ ...run({}), trace: ids.map(publish) }).publishes;
    expect(publishes("e-1", "e-1")).toEqual(publishes("e-1"));
    expect(publishes("e-1", "e-2")).toHaveLength(2);
  });
});
