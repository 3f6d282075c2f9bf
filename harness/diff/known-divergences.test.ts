import { afterAll, describe, expect, inject, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { ReceiveStock, ReserveStock } from "../../contracts/warehouse/calls.ts";
import { warehouseModule } from "../../modules/warehouse/module.ts";
import { Say } from "../../runtime/bus/conformance/contracts.ts";
import { type Deployment, deploy } from "../../runtime/bus/conformance/deployments.ts";
import { testEnvelope } from "../../runtime/bus/envelope.test-support.ts";
import { parseFaults } from "../../runtime/bus/faults/parse.ts";
import { createTransport, transports } from "../../runtime/bus/transports.ts";
import { isAppError } from "../../runtime/errors.ts";
import { inProcess } from "../in-process.ts";
import type { Divergence } from "../report/model.ts";
import { systemChecks } from "../systems/index.ts";
import { knownDivergences, markKnown, races } from "./known-divergences.ts";

const envelope = (payload: unknown) => testEnvelope({ type: "proof.noted", correlationId: "proof", source: "proof", payload });
const policy = { attempts: 1, backoffMs: 1 };
/** The plain monolith's transport, and the monolith-strict profile's: the same, under the strict fault preset. */
const plainTransport = () => createTransport(transports.memory, { delivery: policy });
const strictTransport = (duplicates: number) =>
  createTransport(transports.memory, { delivery: policy }, parseFaults(`strict,duplicate=${duplicates}`), 3);

/** Each difference listed in known-divergences.ts still exists: if one disappears, its entry must go too. */
describe("known divergences are still real", () => {
  const proven = new Set<string>();
  afterAll(() => expect([...proven].sort()).toEqual(knownDivergences.map((k) => k.id).sort()));

  it("network-faults-only-on-the-wire: a slowed neighbour times out on the wire, answers in one process", async () => {
    const echo = {
      calls: new Map([
        [
          "echo",
          new Map([[Say.name, async (request: unknown) => ({ text: (request as { text: string }).text, correlation_id: "c", causation_id: null })]]),
        ],
      ]),
      events: new Map(),
    };
    const deployments: Deployment[] = [
      await deploy(transports.memory, echo),
      await deploy(transports.wire, echo, { redisUrl: inject("redisUrl"), faults: parseFaults("latency:echo=1000") }),
    ];
    try {
      const [memory, wire] = deployments.map((d) =>
        d
          .busOf("pinger")
          .call("pinger", Say, { text: "hi" }, { timeoutMs: 200 })
          .then(
            () => "answered",
            (e: unknown) => (isAppError(e) ? e.code : "other"),
          ),
      );
      expect(await memory).toBe("answered");
      expect(await wire).toBe("call_timeout");
    } finally {
      await Promise.all(deployments.map((d) => d.stop()));
    }
    proven.add("network-faults-only-on-the-wire");
  });

  it("race-winner: the last unit goes to whichever reservation arrives first", async () => {
    const system = await inProcess({ modules: [warehouseModule], calls: shopCalls, events: shopEvents });
    try {
      const call = <C extends typeof ReserveStock | typeof ReceiveStock>(contract: C, request: Parameters<typeof system.monolith.bus.call<C>>[2]) =>
        system.monolith.bus.call("orders", contract, request).then(
          () => "won",
          (e: unknown) => (isAppError(e) ? e.code : "other"),
        );
      const winners: string[] = [];
      for (const [first, second] of [
        ["a", "b"],
        ["b", "a"],
      ] as const) {
        const product = crypto.randomUUID();
        await call(ReceiveStock, { receipt_id: crypto.randomUUID(), product_id: product, quantity: 1 });
        const order = (who: string) => `${who}-${product}`;
        const outcomes = {
          [first]: await call(ReserveStock, { order_id: order(first), items: [{ product_id: product, quantity: 1 }] }),
          [second]: await call(ReserveStock, { order_id: order(second), items: [{ product_id: product, quantity: 1 }] }),
        };
        expect(outcomes[second]).toBe("insufficient_stock");
        winners.push(Object.entries(outcomes).find(([, outcome]) => outcome === "won")?.[0] ?? "none");
      }
      expect(winners).toEqual(["a", "b"]);
    } finally {
      await system.stop();
    }
    proven.add("race-winner");
  });

  it("inline-delivery-in-the-monolith: the plain monolith has run the subscriber when dispatch returns; strict has not", async () => {
    const ran: string[] = [];
    const plain = plainTransport();
    plain.consume("reader", async () => void ran.push("plain"));
    await plain.dispatchInline?.(envelope({}), ["reader"]);
    expect(ran).toEqual(["plain"]);
    const wireLike = strictTransport(0);
    expect(await wireLike.dispatchInline?.(envelope({}), ["reader"])).toBeUndefined();
    proven.add("inline-delivery-in-the-monolith");
  });

  it("in-memory-values-in-the-monolith: a Date stays a Date in one process, becomes a string like on the wire in strict", async () => {
    const seen: Record<string, string> = {};
    for (const [name, transport] of [
      ["plain", plainTransport()],
      ["strict", strictTransport(0)],
    ] as const) {
      transport.consume(
        "reader",
        async (received) =>
          void (seen[name] = (received.payload as { at: unknown }).at instanceof Date ? "Date" : typeof (received.payload as { at: unknown }).at),
      );
      await transport.dispatch(envelope({ at: new Date() }), ["reader"]);
    }
    expect(seen).toEqual({ plain: "Date", strict: "string" });
    proven.add("in-memory-values-in-the-monolith");
  });

  it("at-least-once-delivery: strict may deliver twice; the plain monolith delivers once", async () => {
    const counts: Record<string, number> = { plain: 0, strict: 0 };
    for (const [name, transport] of [
      ["plain", plainTransport()],
      ["strict", strictTransport(1)],
    ] as const) {
      transport.consume("reader", async () => void (counts[name] = (counts[name] ?? 0) + 1));
      await transport.dispatch(envelope({}), ["reader"]);
    }
    expect(counts).toEqual({ plain: 1, strict: 2 });
    proven.add("at-least-once-delivery");
  });
});

/** The race checks are named by suite and check: a renamed flow must not silently lose (or widen) its excuse. */
describe("race-winner names the race checks exactly", () => {
  const divergence = (suite: string, check: string): Divergence => ({
    suite,
    check,
    kind: "response",
    profiles: ["monolith", "split"],
    summary: "another winner",
  });

  it("every race it names is a check of a shipped flow", () => {
    const flows = Object.values(systemChecks).flatMap((checks) => checks.suites);
    for (const race of races) expect(flows.find((suite) => suite.name === race.suite)?.checks.map((c) => c.name)).toContain(race.check);
  });

  it("excuses those checks only, not the same name in another suite", () => {
    const [race] = races;
    if (!race) throw new Error("no race checks");
    const [named, elsewhere] = markKnown([divergence(race.suite, race.check), divergence("another.flow.yaml", race.check)]);
    expect(named?.known?.id).toBe("race-winner");
    expect(elsewhere?.known).toBeUndefined();
  });
});
