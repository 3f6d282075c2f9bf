import { beforeEach, describe, expect, it } from "vitest";
import { AdvancingClock } from "../../clock.ts";
import { type AppError, isAppError } from "../../errors.ts";
import { CircuitBreaker } from "./breaker.ts";

const refusal = (breaker: CircuitBreaker): AppError => {
  try {
    breaker.admit();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("the breaker let the call through");
};

describe("a circuit breaker, on a frozen clock", () => {
  let clock: AdvancingClock;
  let breaker: CircuitBreaker;
  const fail = (times: number) => {
    for (let i = 0; i < times; i++) breaker.failed(breaker.admit());
  };

  beforeEach(() => {
    clock = new AdvancingClock();
    clock.freeze();
    breaker = new CircuitBreaker({ caller: "orders", callee: "payments", failures: 3, cooldownMs: 1000, clock });
  });

  it("stays closed below its threshold, and an answer starts the count again", () => {
    fail(2);
    expect(breaker.view()).toEqual({ state: "closed", consecutive_failures: 2 });
    breaker.succeeded(breaker.admit());
    fail(2);
    expect(breaker.view()).toEqual({ state: "closed", consecutive_failures: 2 });
  });

  it("opens at its threshold of failures in a row and refuses with circuit_open (503) until the cool-down ends", () => {
    fail(3);
    expect(breaker.view()).toEqual({ state: "open", consecutive_failures: 3, probe_at: new Date(clock.nowMs() + 1000).toISOString() });
    const refused = refusal(breaker);
    expect([refused.code, refused.status, refused.details]).toEqual(["circuit_open", 503, { caller: "orders", callee: "payments" }]);
    clock.advance(999);
    expect(refusal(breaker).code).toBe("circuit_open");
  });

  it("is half-open after the cool-down: one probe goes through, every other call still fails fast", () => {
    fail(3);
    clock.advance(1000);
    expect(breaker.view().state).toBe("half_open");
    const probe = breaker.admit();
    expect(probe.probe).toBe(true);
    expect(refusal(breaker).message).toContain("a probe is out");
    expect(breaker.view().state).toBe("half_open");
  });

  it("closes when the probe is answered", () => {
    fail(3);
    clock.advance(1000);
    breaker.succeeded(breaker.admit());
    expect(breaker.view()).toEqual({ state: "closed", consecutive_failures: 0 });
    expect(breaker.admit().probe).toBe(false);
  });

  it("opens again for a whole new cool-down when the probe fails", () => {
    fail(3);
    clock.advance(1500);
    breaker.failed(breaker.admit());
    expect(breaker.view()).toMatchObject({ state: "open", probe_at: new Date(clock.nowMs() + 1000).toISOString() });
    clock.advance(999);
    expect(refusal(breaker).code).toBe("circuit_open");
    clock.advance(1);
    expect(breaker.admit().probe).toBe(true);
  });

  it("ignores the late outcome of a call let through before the circuit changed", () => {
    const early = breaker.admit();
    fail(3);
    breaker.succeeded(early);
    expect(breaker.view().state).toBe("open");
    clock.advance(1000);
    const probe = breaker.admit();
    breaker.failed(early);
    expect(breaker.view().state).toBe("half_open");
    breaker.succeeded(probe);
    expect(breaker.view().state).toBe("closed");
  });
});
