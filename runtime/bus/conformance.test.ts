import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Envelope } from "../../contracts/envelope.ts";
import { eventually } from "../../harness/eventually.ts";
import { AppError } from "../errors.ts";
import type { CallHandler, EventHandler } from "./bus.ts";
import { Broken, Ghost, Pinged, Say, Shouted, Slow, Undeclared } from "./conformance/contracts.ts";
import { type Deployment, deploy, type Hosted } from "./conformance/deployments.ts";
import { runInContext } from "./context.ts";
import { parseFaults } from "./faults/parse.ts";
import { transports } from "./transports.ts";

/**
 * One suite, every transport: each named pair of channels (runtime/bus/transports.ts) and the strict fault
 * preset over the memory transport. A new transport is one line here. Adjusted, with the reason:
 * - strict runs with duplicate=0: the suite asserts exactly-once fan-out, and the preset's duplicates are what
 *   the at-least-once divergence proves (harness/diff/known-divergences.test.ts).
 */
const deployments: Record<string, (hosted: Hosted) => Promise<Deployment>> = {
  memory: (hosted) => deploy(transports.memory, hosted),
  strict: (hosted) => deploy(transports.memory, hosted, { faults: parseFaults("strict,duplicate=0"), seed: 7 }),
  wire: (hosted) => deploy(transports.wire, hosted, { redisUrl: inject("redisUrl") }),
  component: (hosted) => deploy(transports.component, hosted),
};

interface Received {
  readonly module: string;
  readonly envelope: Envelope;
  readonly attempt: number;
}

interface Heard {
  readonly module: string;
  readonly instance: string;
  readonly id: string;
}

describe.each(Object.entries(deployments))("bus conformance: %s", (_name, deploy) => {
  let deployment: Deployment;
  const received: Received[] = [];
  const heard: Heard[] = [];
  const echoReplies: unknown[] = [];

  const say: CallHandler = async (request, { envelope }) => {
    const { text } = request as { text: string };
    if (text === "missing") throw new AppError("not_found", "nothing to echo", { text });
    return { text, correlation_id: envelope.correlationId, causation_id: envelope.causationId };
  };
  const subscriber =
    (module: string): EventHandler =>
    async (payload, { envelope, attempt }) => {
      const { n } = payload as { n: number };
      if (module === "b" && n === 13) throw new Error("b always fails on 13");
      if (module === "b" && n === 7 && attempt === 1) throw new Error("b fails the first delivery of 7");
      if (module === "a" && n === 42) echoReplies.push(await deployment.busOf("a").call("a", Say, { text: "from a" }));
      received.push({ module, envelope, attempt });
    };

  const hosted: Hosted = {
    calls: new Map([
      [
        "echo",
        new Map<string, CallHandler>([
          [Say.name, say],
          [Broken.name, async () => ({ count: "three" }) as never],
          [Slow.name, async (request) => (await Bun.sleep((request as { ms: number }).ms), { slept: 1 })],
          [
            Undeclared.name,
            async () => {
              throw new AppError("email_taken", "not declared by echo.undeclared");
            },
          ],
        ]),
      ],
    ]),
    events: new Map([
      ["a", new Map([[Pinged.type, subscriber("a")]])],
      ["b", new Map([[Pinged.type, subscriber("b")]])],
    ]),
    everywhere: (instance) =>
      new Map(
        ["c", "d"].map((module) => [
          module,
          new Map<string, EventHandler>([[Shouted.type, async (_, { envelope }) => void heard.push({ module, instance, id: envelope.id })]]),
        ]),
      ),
  };

  const publish = (n: number) => {
    const bus = deployment.busOf("pinger");
    return bus.dispatch(bus.event("pinger", Pinged, { n, at: new Date().toISOString() }));
  };
  const deliveriesOf = (n: number) => received.filter((r) => (r.envelope.payload as { n: number }).n === n);
  const rejection = async (work: Promise<unknown>): Promise<AppError> => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  beforeAll(async () => {
    deployment = await deploy(hosted);
  });
  afterAll(async () => {
    await deployment.stop();
  });

  it("answers a call with the owner's reply", async () => {
    const reply = await deployment.busOf("pinger").call("pinger", Say, { text: "hello" });
    expect(reply.text).toBe("hello");
  });

  it("keeps an error reply's code, message and details across the transport", async () => {
    const error = await rejection(deployment.busOf("pinger").call("pinger", Say, { text: "missing" }));
    expect(error.code).toBe("not_found");
    expect(error.status).toBe(404);
    expect(error.message).toBe("nothing to echo");
    expect(error.details).toEqual({ text: "missing" });
  });

  it("refuses to send a request that violates its contract, before anything is sent", async () => {
    const error = await rejection(deployment.busOf("pinger").call("pinger", Say, { text: 5 } as never));
    expect(error.code).toBe("contract_violation");
    expect(error.details).toMatchObject({ contract: "echo.say", side: "request", at: "send" });
  });

  it("rejects on receipt a request that violates its contract", async () => {
    const bus = deployment.busOf("pinger");
    const raw = { ...bus.event("pinger", Pinged, { n: 1, at: "x" }), type: "echo.say", payload: { text: 5 } };
    const error = await rejection(bus.transport.request("echo", raw, 500));
    expect(error.code).toBe("contract_violation");
    expect(error.details).toMatchObject({ contract: "echo.say", side: "request", at: "receive" });
  });

  it("turns a reply that violates its contract into a contract_violation naming the field", async () => {
    const error = await rejection(deployment.busOf("pinger").call("pinger", Broken, {}));
    expect(error.code).toBe("contract_violation");
    expect(error.details).toMatchObject({ contract: "echo.broken", side: "reply" });
    expect(error.message).toContain("count");
  });

  it("treats an error code the contract does not declare as a contract violation", async () => {
    const error = await rejection(deployment.busOf("pinger").call("pinger", Undeclared, {}));
    expect(error.code).toBe("contract_violation");
    expect(error.details).toMatchObject({ code: "email_taken" });
  });

  it("fails a slow call with call_timeout within its timeout", async () => {
    const started = performance.now();
    const error = await rejection(deployment.busOf("pinger").call("pinger", Slow, { ms: 1000 }, { timeoutMs: 100 }));
    expect(error.code).toBe("call_timeout");
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("fails a call to a module nobody serves with service_unavailable, without hanging", async () => {
    const error = await rejection(deployment.busOf("pinger").call("pinger", Ghost, {}));
    expect(error.code).toBe("service_unavailable");
  });

  it("fans an event out to every subscriber exactly once, envelope intact", async () => {
    await runInContext({ correlationId: "corr-fanout", causationId: "cause-fanout" }, () => publish(1));
    const deliveries = await eventually(() => {
      const found = deliveriesOf(1);
      expect(found.map((d) => d.module).sort()).toEqual(["a", "b"]);
      return found;
    });
    for (const { envelope } of deliveries) {
      expect(envelope).toMatchObject({ type: "ping.sent", version: 1, source: "pinger", correlationId: "corr-fanout", causationId: "cause-fanout" });
    }
    expect(deliveries[0]?.envelope.id).toBe(deliveries[1]?.envelope.id);
  });

  it("hears a broadcast in every process hosting its subscriber, once, and a competing subscription once in all", async () => {
    const bus = deployment.busOf("pinger");
    // Several, so that instances sharing one queue between them could not pass by chance.
    const shouts = [1, 2, 3, 4, 5, 6].map((n) => bus.event("pinger", Shouted, { n }));
    const heardBy = (module: string) =>
      shouts.map((shout) =>
        heard
          .filter((h) => h.id === shout.id && h.module === module)
          .map((h) => h.instance)
          .sort(),
      );
    const everyProcess = shouts.map(() => [...deployment.processes.keys()].sort());
    const idle = () =>
      eventually(async () => {
        const activity = await Promise.all([...deployment.processes.values()].map((b) => b.transport.activity()));
        expect(activity.map((a) => a.deliveriesPending)).toEqual(activity.map(() => 0));
      });
    for (const shout of shouts) await bus.dispatch(shout);
    await eventually(() => expect(heardBy("c")).toEqual(everyProcess));
    await idle();
    expect(heardBy("c")).toEqual(everyProcess);
    expect(heardBy("d").map((instances) => instances.length)).toEqual(shouts.map(() => 1));
  });

  it("refuses to publish an event that violates its contract", () => {
    const bus = deployment.busOf("pinger");
    expect(() => bus.event("pinger", Pinged, { n: 1.5, at: "x" })).toThrow(/ping\.sent event violates its contract on send: n/);
  });

  it("dead-letters, without running the handler, an event that violates its contract on receipt", async () => {
    const bus = deployment.busOf("pinger");
    const raw = { ...bus.event("pinger", Pinged, { n: 99, at: "x" }), payload: { n: "ninety-nine" } };
    await bus.transport.dispatch(raw, ["a", "b"]);
    await eventually(async () => {
      const buses = new Set([deployment.busOf("a"), deployment.busOf("b")]);
      const letters = (await Promise.all([...buses].map((bus) => bus.transport.deadLetters()))).flat();
      const mine = letters.filter((l) => l.envelope.id === raw.id);
      expect(mine.map((l) => l.subscriber).sort()).toEqual(["a", "b"]);
      expect(mine.every((l) => l.error.includes("contract_violation") || l.error.includes("violates its contract"))).toBe(true);
    });
    expect(received.some((r) => r.envelope.id === raw.id)).toBe(false);
  });

  it("carries the conversation from an event into the calls its handler makes", async () => {
    await runInContext({ correlationId: "corr-chain", causationId: null }, () => publish(42));
    const deliveries = await eventually(() => {
      const found = deliveriesOf(42).filter((d) => d.module === "a");
      expect(found).toHaveLength(1);
      return found;
    });
    expect(echoReplies).toContainEqual({ text: "from a", correlation_id: "corr-chain", causation_id: deliveries[0]?.envelope.id });
  });

  it("retries a failed delivery and delivers it on a later attempt", async () => {
    await publish(7);
    const delivery = await eventually(() => {
      const found = deliveriesOf(7).find((d) => d.module === "b");
      expect(found).toBeDefined();
      return found;
    });
    expect(delivery?.attempt).toBe(2);
  });

  it("keeps a delivery that keeps failing as a dead letter after its attempts", async () => {
    await publish(13);
    await eventually(async () => {
      const letters = await deployment.busOf("b").transport.deadLetters();
      const letter = letters.find((l) => (l.envelope.payload as { n: number }).n === 13);
      expect(letter).toMatchObject({ subscriber: "b", attempts: 3 });
    });
    expect(deliveriesOf(13).map((d) => d.module)).toEqual(["a"]);
  });
});

describe("bus conformance covers the registry", () => {
  it("runs for every named transport", () => {
    expect(Object.keys(transports).filter((name) => !(name in deployments))).toEqual([]);
  });
});
