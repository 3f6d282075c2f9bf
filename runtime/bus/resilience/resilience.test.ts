import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../../harness/eventually.ts";
import { clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { CallHandler } from "../bus.ts";
import { Gated, GatedRead, Ghost, Relay, Remaining } from "../conformance/contracts.ts";
import { type Deployment, deploy, type Hosted } from "../conformance/deployments.ts";
import type { BusRecord } from "../observer.ts";
import { transports } from "../transports.ts";
import { currentDeadline, timeLeft, withDeadline } from "./deadline.ts";
import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./settings.ts";

const settings: ResilienceSettings = { ...DEFAULT_RESILIENCE, breakerCooldownMs: 1000, bulkheadMax: 2, retryBaseMs: 0, retryCapMs: 0 };
/** The conformance deployments' call timeout. */
const CALL_TIMEOUT_MS = 500;

/** echo's gated calls: a dependency that hangs, fails, refuses or answers, as the test says; it counts the calls that reach it. */
class Dependency {
  reached = 0;
  hanging = false;
  failNext = 0;
  refusing = false;
  private held: (() => void)[] = [];

  readonly handler: CallHandler = async () => {
    const n = ++this.reached;
    if (this.failNext > 0 && this.failNext--) throw new AppError("service_unavailable", "echo's database is down");
    if (this.refusing) throw new AppError("not_found", "echo has no such thing");
    if (this.hanging) await new Promise<void>((resolve) => this.held.push(resolve));
    return { n };
  };

  back(): void {
    this.hanging = false;
    for (const wake of this.held.splice(0)) wake();
  }
}

const left = () => {
  const deadline = currentDeadline();
  return { time_left_ms: deadline === undefined ? null : timeLeft(deadline) };
};

const failure = (work: Promise<unknown>): Promise<AppError> =>
  work.then(
    () => {
      throw new Error("the call was answered");
    },
    (error: AppError) => error,
  );

/**
 * The call policies through real deployments (runtime/bus/conformance/deployments.ts): over the wire, pinger
 * and a in one process and echo in another, calling over real HTTP; in memory, one process. The runtime
 * clock is frozen, so every timeout, cool-down and deadline moves only when the test advances it.
 */
describe.each([
  ["wire", transports.wire, () => ({ redisUrl: inject("redisUrl"), resilience: settings })],
  ["memory", transports.memory, () => ({ resilience: settings })],
])("call policies over %s", (_name, choice, options) => {
  let deployment: Deployment;
  let dependency: Dependency;
  let reachedA = 0;
  let relayFailures: string[] = [];
  let calls: Extract<BusRecord, { kind: "call" }>[] = [];

  function hosted(): Hosted {
    dependency = new Dependency();
    reachedA = 0;
    relayFailures = [];
    return {
      calls: new Map([
        [
          "echo",
          new Map<string, CallHandler>([
            [Gated.name, dependency.handler],
            [GatedRead.name, dependency.handler],
            [
              Relay.name,
              async (request) => {
                const echo = left();
                clock.advance((request as { advance_ms: number }).advance_ms);
                const a = await deployment
                  .busOf("echo")
                  .call("echo", Remaining, {})
                  .catch((error: AppError) => {
                    throw (relayFailures.push(error.code), error);
                  });
                return { echo, a };
              },
            ],
          ]),
        ],
        ["a", new Map<string, CallHandler>([[Remaining.name, async () => (reachedA++, left())]])],
      ]),
      events: new Map(),
    };
  }

  const fresh = async () => {
    calls = [];
    const observer = (record: BusRecord) => void (record.kind === "call" && record.from === "pinger" && calls.push(record));
    deployment = await deploy(choice, hosted(), { ...options(), observer });
    return deployment.busOf("pinger");
  };
  const circuit = () => deployment.busOf("pinger").dependencies().echo?.circuits.pinger?.state;
  /** A gated call that hangs until its timeout, which the test then lets pass. */
  const timedOut = async () => {
    const bus = deployment.busOf("pinger");
    const before = dependency.reached;
    const call = failure(bus.call("pinger", Gated, {}));
    await eventually(() => expect(dependency.reached).toBe(before + 1));
    clock.advance(CALL_TIMEOUT_MS);
    expect((await call).code).toBe("call_timeout");
  };

  beforeAll(() => clock.freeze());
  afterAll(() => clock.release());
  afterEach(async () => {
    dependency.back();
    await deployment.stop();
  });

  it("seed 004 §4.4: after five timeouts the sixth call fails in < 10 ms with circuit_open and never reaches the callee", async () => {
    const bus = await fresh();
    dependency.hanging = true;
    for (let i = 0; i < 5; i++) await timedOut();
    expect(circuit()).toBe("open");

    // The clock stays frozen from here on: a call that waited for anything timed would never settle.
    const sixth = await failure(bus.call("pinger", Gated, {}));
    expect([sixth.code, sixth.status]).toEqual(["circuit_open", 503]);
    // "In < 10 ms", measured as the median of the next refusals, so one GC pause on a loaded machine is not the measure.
    const elapsedMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect((await failure(bus.call("pinger", Gated, {}))).code).toBe("circuit_open");
      elapsedMs.push(performance.now() - started);
    }
    expect(elapsedMs.sort((a, b) => a - b)[2]).toBeLessThan(10);
    expect(dependency.reached).toBe(5);
  });

  it("lets one probe through after the cool-down: a failed probe opens it again, an answered one closes it", async () => {
    const bus = await fresh();
    dependency.hanging = true;
    for (let i = 0; i < 5; i++) await timedOut();
    clock.advance(settings.breakerCooldownMs);
    expect(circuit()).toBe("half_open");
    await timedOut();
    expect(circuit()).toBe("open");
    expect((await failure(bus.call("pinger", Gated, {}))).code).toBe("circuit_open");

    dependency.back();
    clock.advance(settings.breakerCooldownMs);
    expect(await bus.call("pinger", Gated, {})).toEqual({ n: 7 });
    expect(circuit()).toBe("closed");
    expect(await bus.call("pinger", Gated, {})).toEqual({ n: 8 });
  });

  it("refuses work that will need the callee while its circuit is open, and lets it start once a probe is due", async () => {
    const bus = await fresh();
    expect(() => bus.ensureAvailable("pinger", [Gated])).not.toThrow();
    dependency.hanging = true;
    for (let i = 0; i < 5; i++) await timedOut();
    const refused = (() => {
      try {
        bus.ensureAvailable("pinger", [Gated]);
      } catch (error) {
        return error as AppError;
      }
    })();
    expect([refused?.code, refused?.status]).toEqual(["circuit_open", 503]);
    expect(dependency.reached).toBe(5);
    clock.advance(settings.breakerCooldownMs);
    expect(() => bus.ensureAvailable("pinger", [Gated])).not.toThrow();
  });

  it("carries the deadline across two hops: each handler runs with the time its caller still waits", async () => {
    const bus = await fresh();
    const within800 = withDeadline(clock.nowMs() + 800, () => bus.call("pinger", Relay, { advance_ms: 300 }, { timeoutMs: 5000 }));
    expect(await within800).toEqual({ echo: { time_left_ms: 800 }, a: { time_left_ms: 500 } });
    // No deadline of its own: the call's timeout is the callee's deadline, and bounds the next hop's call timeout.
    expect(await bus.call("pinger", Relay, { advance_ms: 300 }, { timeoutMs: 400 })).toEqual({
      echo: { time_left_ms: 400 },
      a: { time_left_ms: 100 },
    });
    expect(reachedA).toBe(2);
  });

  it("fails a call with call_timeout before sending it once its deadline has passed", async () => {
    const bus = await fresh();
    const spent = await failure(bus.call("pinger", Relay, { advance_ms: 800 }, { timeoutMs: 800 }));
    expect(spent.code).toBe("call_timeout");
    await eventually(() => expect(relayFailures).toEqual(["call_timeout"]));
    const expired = await failure(withDeadline(clock.nowMs(), () => bus.call("pinger", Gated, {})));
    expect(expired.code).toBe("call_timeout");
    expect([dependency.reached, reachedA]).toEqual([0, 0]);
  });

  it("refuses a call past the bulkhead with bulkhead_full at once, and takes calls again when places free up", async () => {
    const bus = await fresh();
    dependency.hanging = true;
    const held = [bus.call("pinger", Gated, {}), bus.call("pinger", Gated, {})];
    expect(bus.dependencies().echo).toMatchObject({ in_flight: 2, max_in_flight: 2 });
    // At once: the clock is frozen, so a refusal that waited for anything timed would never settle.
    const refused = await failure(bus.call("pinger", Gated, {}));
    expect([refused.code, refused.status]).toEqual(["bulkhead_full", 503]);
    await eventually(() => expect(dependency.reached).toBe(2));
    dependency.back();
    expect(await Promise.all(held)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await bus.call("pinger", Gated, {})).toEqual({ n: 3 });
    expect(bus.dependencies().echo?.in_flight).toBe(0);
  });

  it("retries a call its contract marks retry-safe when it went unanswered, and sends any other once", async () => {
    const bus = await fresh();
    dependency.failNext = 2;
    expect(await bus.call("pinger", GatedRead, {})).toEqual({ n: 3 });
    dependency.failNext = 1;
    expect((await failure(bus.call("pinger", Gated, {}))).code).toBe("service_unavailable");
    expect(dependency.reached).toBe(4);
  });

  describe("a declared fallback", () => {
    /** Answers n = -1 in echo's place, remembering each failure it was given. */
    const given: string[] = [];
    const fallback = { fallback: (error: AppError) => (given.push(error.code), { n: -1 }) };
    const last = () => calls.at(-1);

    it("answers when the callee is down or timed out, and at once while its circuit is open, never reaching the callee", async () => {
      given.length = 0;
      const bus = await fresh();
      expect(await bus.call("pinger", Ghost, {}, { fallback: () => ({}) })).toEqual({});
      expect([last()?.outcome, last()?.fallback]).toEqual(["service_unavailable", true]);

      dependency.failNext = 1;
      expect(await bus.call("pinger", Gated, {}, fallback)).toEqual({ n: -1 });
      dependency.hanging = true;
      for (let i = 0; i < 4; i++) {
        const call = bus.call("pinger", Gated, {}, fallback);
        await eventually(() => expect(dependency.reached).toBe(i + 2));
        clock.advance(CALL_TIMEOUT_MS);
        expect(await call).toEqual({ n: -1 });
      }
      expect(circuit()).toBe("open");

      // At once (the clock is frozen: an answer that waited for a timeout would never come), never reaching echo.
      expect(await bus.call("pinger", Gated, {}, fallback)).toEqual({ n: -1 });
      expect(dependency.reached).toBe(5);
      expect(given).toEqual(["service_unavailable", "call_timeout", "call_timeout", "call_timeout", "call_timeout", "circuit_open"]);
      expect([last()?.outcome, last()?.fallback, last()?.resilience?.circuit]).toEqual(["circuit_open", true, "open"]);
    });

    it("answers when the bulkhead refuses the call", async () => {
      given.length = 0;
      const bus = await fresh();
      dependency.hanging = true;
      const held = [bus.call("pinger", Gated, {}), bus.call("pinger", Gated, {})];
      expect(await bus.call("pinger", Gated, {}, fallback)).toEqual({ n: -1 });
      expect(given).toEqual(["bulkhead_full"]);
      dependency.back();
      expect(await Promise.all(held)).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it("never answers in place of an error the callee answered with, nor of a reply", async () => {
      given.length = 0;
      const bus = await fresh();
      expect(await bus.call("pinger", Gated, {}, fallback)).toEqual({ n: 1 });
      expect(last()?.fallback).toBeUndefined();
      dependency.refusing = true;
      const refused = await failure(bus.call("pinger", Gated, {}, fallback));
      expect([refused.code, refused.status]).toEqual(["not_found", 404]);
      expect([last()?.outcome, last()?.fallback]).toEqual(["not_found", undefined]);
      expect(given).toEqual([]);
    });

    it("is held to the call's reply contract like a real reply", async () => {
      const bus = await fresh();
      dependency.failNext = 1;
      const wrong = await failure(bus.call("pinger", Gated, {}, { fallback: () => ({ n: "minus one" }) as never }));
      expect(wrong.code).toBe("contract_violation");
      expect(wrong.details).toMatchObject({ contract: "echo.gated", side: "reply", at: "fallback" });
    });
  });
});
