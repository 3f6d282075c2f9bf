import { describe, expect, it } from "vitest";
import type { TraceRecord } from "../report/model.ts";
import { findingsOf } from "./check.ts";
import type { Invariant, Tables } from "./model.ts";
import { rowsOf, textOf } from "./rows.ts";
import { InvariantWatch, isBackDoor, publishedIn } from "./watch.ts";

/** A system of one module whose accounts must not be overdrawn; an overdrawn one is lost money. */
const solvent: Invariant = {
  name: "no account is overdrawn",
  check: (state) =>
    rowsOf(state, "bank", "accounts")
      .filter((a) => Number(a.balance) < 0)
      .map((a) => ({ kind: "lost", module: "bank", entity: textOf(a, "id") ?? "?", problem: `balance ${a.balance}` })),
};
const bank = (...balances: number[]): Tables => ({ bank: { accounts: balances.map((balance, i) => ({ id: `a-${i + 1}`, balance })) } });

describe("watching invariants over a profile's run", () => {
  it("reports a breach once, with the check that made it, and the reconciliation counts it without calling it late", () => {
    const watch = new InvariantWatch([solvent]);
    expect(watch.afterCheck(bank(5), [], false)).toEqual([]);
    expect(watch.afterCheck(bank(5, -3), [], false)).toEqual([
      { invariant: "no account is overdrawn", kind: "lost", module: "bank", entity: "a-2", problem: "balance -3" },
    ]);
    expect(watch.afterCheck(bank(5, -4), [], false)).toEqual([]);
    const { reconciliation, unreported } = watch.reconcile(bank(5, -4));
    expect(reconciliation.lost.map((f) => f.entity)).toEqual(["a-2"]);
    expect([reconciliation.doubled, reconciliation.stuck, unreported]).toEqual([[], [], []]);
  });

  it("excuses what a check that used a back door leaves, then and at the end, but not what later checks break", () => {
    const watch = new InvariantWatch([solvent]);
    expect(watch.afterCheck(bank(-1), [], true)).toEqual([]);
    expect(watch.afterCheck(bank(-1, -2), [], false).map((f) => f.entity)).toEqual(["a-2"]);
    expect(watch.reconcile(bank(-1, -2)).reconciliation.lost.map((f) => f.entity)).toEqual(["a-2"]);
  });

  it("calls late what breaks only after the last check, when the run is reconciled", () => {
    const watch = new InvariantWatch([solvent]);
    watch.afterCheck(bank(1), [], false);
    expect(watch.reconcile(bank(1, -9)).unreported.map((f) => f.entity)).toEqual(["a-2"]);
  });

  it("says which invariant could not be checked", () => {
    const broken: Invariant = {
      name: "reads a column that is not there",
      check: () => {
        throw new Error("boom");
      },
    };
    expect(() => findingsOf([broken], { tables: {}, events: [], at: 0 })).toThrow(
      'the invariant "reads a column that is not there" could not be checked: boom',
    );
  });

  it("reads each published event of a trace once, and knows the harness's back doors", () => {
    const record = (kind: TraceRecord["kind"], messageId: string): TraceRecord => ({
      kind,
      process: "p",
      at: 0,
      durationMs: 0,
      from: "bank",
      to: "audit",
      name: "account.opened",
      messageId,
      correlationId: "c",
      causationId: null,
      outcome: "ok",
      payload: { id: "a-1" },
    });
    expect(publishedIn([record("publish", "m-1"), record("delivery", "m-1"), record("publish", "m-1"), record("publish", "m-2")])).toEqual([
      { id: "m-1", type: "account.opened", publisher: "bank", payload: { id: "a-1" } },
      { id: "m-2", type: "account.opened", publisher: "bank", payload: { id: "a-1" } },
    ]);
    expect(["/__twofold/provider-state", "/__twofold/call", "/__twofold/sql/bank", "/__twofold/redeliver"].map(isBackDoor)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
