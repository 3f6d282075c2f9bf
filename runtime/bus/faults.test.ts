import { describe, expect, it } from "vitest";
import { delay, parseFaults } from "./faults.ts";

describe("fault specs", () => {
  it("reads latency per module and a duplicate rate", () => {
    expect(parseFaults("latency:reports=5000, duplicate=0.5")).toEqual({ latencyMs: { reports: 5000 }, duplicateRate: 0.5 });
    expect(parseFaults(undefined)).toEqual({ latencyMs: {}, duplicateRate: 0 });
  });

  it("refuses what it cannot read", () => {
    expect(() => parseFaults("latency:reports=soon")).toThrow(/TWOFOLD_FAULTS part "latency:reports=soon"/);
    expect(() => parseFaults("duplicate=2")).toThrow(/duplicate=2/);
  });

  it("cuts a latency short when the caller's timeout fires", async () => {
    const started = performance.now();
    const error = await delay(5000, AbortSignal.timeout(50)).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
