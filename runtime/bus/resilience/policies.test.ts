import * as v from "valibot";
import { beforeEach, describe, expect, it } from "vitest";
import { defineCall } from "../../../contracts/define.ts";
import { AdvancingClock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { nextBackoff } from "./backoff.ts";
import { withDeadline } from "./deadline.ts";
import { CallPolicies } from "./policies.ts";
import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./settings.ts";

const Read = defineCall({ name: "stock.read", owner: "stock", request: v.object({}), reply: v.object({}), retrySafe: true });
const Write = defineCall({ name: "stock.write", owner: "stock", request: v.object({}), reply: v.object({}) });

const settings: ResilienceSettings = { ...DEFAULT_RESILIENCE, bulkheadMax: 2, retryAttempts: 3, retryBaseMs: 10, retryCapMs: 40 };

/** A send that fails with each code given, in turn, then answers; it counts its attempts and what each was allowed to wait. */
const flaky = (...codes: ("service_unavailable" | "call_timeout" | "not_found")[]) => {
  const waited: number[] = [];
  const send = async (timeLeftMs: number) => {
    waited.push(timeLeftMs);
    const code = codes[waited.length - 1];
    if (code) throw new AppError(code, `attempt ${waited.length} failed`);
    return "answer";
  };
  return { send, waited };
};

describe("the call policies", () => {
  let clock: AdvancingClock;
  let policies: CallPolicies;

  beforeEach(() => {
    clock = new AdvancingClock();
    policies = new CallPolicies(settings, clock, () => 0);
  });

  it("retries a retry-safe call that went unanswered, with backoff, and answers", async () => {
    const { send, waited } = flaky("service_unavailable", "call_timeout");
    expect(await policies.run("orders", Read, 5000, send)).toBe("answer");
    expect(waited).toHaveLength(3);
  });

  it("sends a call its contract does not mark retry-safe once", async () => {
    const { send, waited } = flaky("service_unavailable");
    await expect(policies.run("orders", Write, 5000, send)).rejects.toMatchObject({ code: "service_unavailable" });
    expect(waited).toHaveLength(1);
  });

  it("does not retry an answer, even an error, and stops after its attempts", async () => {
    const answered = flaky("not_found");
    await expect(policies.run("orders", Read, 5000, answered.send)).rejects.toMatchObject({ code: "not_found" });
    expect(answered.waited).toHaveLength(1);
    const down = flaky("service_unavailable", "service_unavailable", "service_unavailable", "service_unavailable");
    await expect(policies.run("orders", Read, 5000, down.send)).rejects.toMatchObject({ code: "service_unavailable" });
    expect(down.waited).toHaveLength(3);
  });

  it("retries only within the deadline: no retry whose backoff would outlast it", async () => {
    clock.freeze();
    const { send, waited } = flaky("service_unavailable");
    await expect(policies.run("orders", Read, 10, send)).rejects.toMatchObject({ code: "service_unavailable" });
    expect(waited).toEqual([10]);
  });

  it("waits the call's timeout, or less when the work that calls has less time left", async () => {
    clock.freeze();
    const { send, waited } = flaky();
    await withDeadline(clock.nowMs() + 800, async () => {
      await policies.run("orders", Write, 5000, send);
      await policies.run("orders", Write, 300, send);
    });
    expect(waited).toEqual([800, 300]);
  });

  it("fails with call_timeout, sending nothing, when the deadline has passed", async () => {
    clock.freeze();
    const { send, waited } = flaky();
    const late = withDeadline(clock.nowMs() + 100, async () => {
      clock.advance(100);
      return policies.run("orders", Read, 5000, send);
    });
    await expect(late).rejects.toMatchObject({ code: "call_timeout", status: 504 });
    expect(waited).toEqual([]);
  });

  it("holds at most bulkheadMax calls to one callee; one more is refused with bulkhead_full at once", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const held = async () => (sent++, await gate, "answer");
    const first = [policies.run("orders", Write, 5000, held), policies.run("cart", Write, 5000, held)];
    expect(policies.state().stock).toMatchObject({ in_flight: 2, max_in_flight: 2 });
    await expect(policies.run("orders", Write, 5000, held)).rejects.toMatchObject({ code: "bulkhead_full", status: 503 });
    expect(sent).toBe(2);
    release();
    expect(await Promise.all(first)).toEqual(["answer", "answer"]);
    expect(await policies.run("orders", Write, 5000, held)).toBe("answer");
    expect(policies.state()).toEqual({
      stock: {
        in_flight: 0,
        max_in_flight: 2,
        circuits: { orders: { state: "closed", consecutive_failures: 0 }, cart: { state: "closed", consecutive_failures: 0 } },
      },
    });
  });

  it("keeps one circuit per caller: one caller's failures open only its own", async () => {
    const strict = new CallPolicies({ ...settings, breakerFailures: 2 }, clock);
    for (let i = 0; i < 2; i++) await expect(strict.run("orders", Write, 5000, flaky("call_timeout").send)).rejects.toThrow();
    await expect(strict.run("orders", Write, 5000, flaky().send)).rejects.toMatchObject({ code: "circuit_open" });
    expect(await strict.run("cart", Write, 5000, flaky().send)).toBe("answer");
    expect(strict.state().stock?.circuits).toMatchObject({ orders: { state: "open" }, cart: { state: "closed" } });
  });
});

describe("decorrelated jitter", () => {
  it("waits between the base and three times the previous wait, never past the cap", () => {
    const bounds = { retryBaseMs: 10, retryCapMs: 100 };
    expect(nextBackoff(10, bounds, () => 0)).toBe(10);
    expect(nextBackoff(20, bounds, () => 1)).toBe(60);
    expect(nextBackoff(50, bounds, () => 1)).toBe(100);
    let wait = 10;
    for (let i = 0; i < 50; i++) {
      wait = nextBackoff(wait, bounds);
      expect(wait).toBeGreaterThanOrEqual(10);
      expect(wait).toBeLessThanOrEqual(100);
    }
  });
});
