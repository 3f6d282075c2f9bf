import { describe, expect, it } from "vitest";
import type { Envelope } from "../../contracts/envelope.ts";
import type { Bus } from "../bus/bus.ts";
import { AdvancingClock } from "../clock.ts";
import { silentLogger } from "../log/logger.ts";
import type { ModuleDb } from "./module-db.ts";
import { OutboxRelay } from "./outbox-relay.ts";

const later = <T = void>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * An outbox of one row whose reads and dispatches the test releases by hand, to reach one interleaving: a
 * pass reads the row while the previous pass is relaying it, and its read returns after that relay deleted it.
 */
function harnessedOutbox() {
  const envelope = { id: "e1", type: "t.happened" } as Envelope;
  let rows = [{ id: "e1", envelope, createdAt: new Date(0) }];
  const reads: { release: () => void }[] = [];
  const dispatches: { envelope: Envelope; accept: () => void }[] = [];
  const db = {
    module: "m",
    em: () => ({
      find: async () => {
        const seen = [...rows];
        const gate = later();
        reads.push({ release: gate.resolve });
        await gate.promise;
        return seen;
      },
      nativeDelete: async (_entity: unknown, where: { id: { $in: string[] } }) => void (rows = rows.filter((r) => !where.id.$in.includes(r.id))),
      count: async () => rows.length,
    }),
  } as unknown as ModuleDb;
  const bus = {
    transport: {},
    clockOf: () => new AdvancingClock(),
    // The first dispatch waits to be accepted by hand; any later one is accepted at once.
    dispatch: (e: Envelope) => {
      const accepted = later();
      dispatches.push({ envelope: e, accept: accepted.resolve });
      if (dispatches.length > 1) accepted.resolve();
      return accepted.promise;
    },
  } as unknown as Bus;
  return { relay: new OutboxRelay(db, bus, 60_000, silentLogger()), reads, dispatches, rowsLeft: () => rows.length };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setImmediate(r));
};

describe("the outbox relay", () => {
  it("relays a row once when a pass reads it while the previous pass is relaying it", async () => {
    const { relay, reads, dispatches, rowsLeft } = harnessedOutbox();
    relay.start();
    await until(() => reads.length === 1);
    reads[0]?.release();
    await until(() => dispatches.length === 1);
    // A second pass reads the row while its relay is still waiting for the transport...
    relay.kick();
    await until(() => reads.length === 2);
    // ...the relay finishes and deletes it...
    dispatches[0]?.accept();
    await until(() => rowsLeft() === 0);
    // ...and only then does the second pass's read come back, with the row in it.
    reads[1]?.release();
    await relay.stop();
    expect(dispatches.map((d) => d.envelope.id)).toEqual(["e1"]);
  });

  it("leaves a row another instance just wrote to it, relays it once that instance has had a second, and its own at once", async () => {
    const clock = new AdvancingClock();
    clock.freeze();
    let rows: { id: string; envelope: Envelope; createdAt: Date }[] = [];
    let passes = 0;
    const dispatched: string[] = [];
    const db = {
      module: "m",
      em: () => ({
        find: async () => (passes++, [...rows]),
        nativeDelete: async (_entity: unknown, where: { id: { $in: string[] } }) => void (rows = rows.filter((r) => !where.id.$in.includes(r.id))),
      }),
    } as unknown as ModuleDb;
    const bus = { transport: {}, clockOf: () => clock, dispatch: async (e: Envelope) => void dispatched.push(e.id) } as unknown as Bus;
    const replica = new OutboxRelay(db, bus, 60_000, silentLogger());
    const write = (id: string) => {
      const envelope = { id, type: "t.happened" } as Envelope;
      rows.push({ id, envelope, createdAt: clock.now() });
      return envelope;
    };
    const pass = async () => {
      const before = passes;
      replica.kick();
      await until(() => passes > before);
      await new Promise((r) => setImmediate(r));
    };
    replica.start();
    await until(() => passes === 1);
    // Another instance committed "theirs" and is relaying it itself: this one's sweep leaves it alone.
    write("theirs");
    await pass();
    expect(dispatched).toEqual([]);
    clock.advance(999);
    await pass();
    expect(dispatched).toEqual([]);
    // Still there a second on: its writer died before relaying it, so anyone relays it.
    clock.advance(2);
    await pass();
    expect(dispatched).toEqual(["theirs"]);
    // What this instance committed itself it relays at once.
    await replica.relayNow([write("mine")]);
    await until(() => dispatched.length === 2);
    await replica.stop();
    expect(dispatched).toEqual(["theirs", "mine"]);
    expect(rows).toEqual([]);
  });

  it("deletes what a pass relayed in one statement, keeping a row the transport refused for the next pass", async () => {
    let rows = ["e1", "e2", "e3"].map((id) => ({ id, envelope: { id, type: "t.happened" } as Envelope, createdAt: new Date(0) }));
    const deletes: string[][] = [];
    const db = {
      module: "m",
      em: () => ({
        find: async () => [...rows],
        nativeDelete: async (_entity: unknown, where: { id: { $in: string[] } }) => {
          deletes.push(where.id.$in);
          rows = rows.filter((r) => !where.id.$in.includes(r.id));
        },
      }),
    } as unknown as ModuleDb;
    const bus = {
      transport: {},
      clockOf: () => new AdvancingClock(),
      dispatch: async (e: Envelope) => {
        if (e.id === "e2") throw new Error("broker unreachable");
      },
    } as unknown as Bus;
    const relay = new OutboxRelay(db, bus, 60_000, silentLogger());
    relay.start();
    await until(() => deletes.length === 1);
    await relay.stop();
    expect(deletes).toEqual([["e1", "e3"]]);
    expect(rows.map((r) => r.id)).toEqual(["e2"]);
  });
});
