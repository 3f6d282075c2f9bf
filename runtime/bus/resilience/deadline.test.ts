import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock } from "../../clock.ts";
import { correlation } from "../../http/correlation.ts";
import { operatorGate } from "../../http/operator.ts";
import { currentDeadline, DEADLINE_HEADER, deadlineFromHeader, deadlineHeaders, timeLeft, withDeadline } from "./deadline.ts";

/** A process's shell as far as deadlines go: what a forwarded request runs with. */
const app = new Hono().use(correlation(operatorGate(undefined))).get("/left", (c) => {
  const deadline = currentDeadline();
  return c.json({ time_left_ms: deadline === undefined ? null : timeLeft(deadline) });
});
const leftFor = async (headers: Record<string, string>) =>
  ((await (await app.request("/left", { headers })).json()) as { time_left_ms: number | null }).time_left_ms;

describe("a deadline across a forwarded request", () => {
  beforeAll(() => clock.freeze());
  afterAll(() => clock.release());

  it("is sent as the time left, and none without a deadline", () => {
    expect(deadlineHeaders()).toEqual({});
    expect(withDeadline(clock.nowMs() + 800, () => deadlineHeaders())).toEqual({ [DEADLINE_HEADER]: "800" });
    expect(withDeadline(clock.nowMs() - 5, () => deadlineHeaders())).toEqual({ [DEADLINE_HEADER]: "0" });
  });

  it("never moves later inside the work it already bounds", () => {
    const inner = withDeadline(clock.nowMs() + 300, () => withDeadline(clock.nowMs() + 900, () => timeLeft(currentDeadline() ?? 0)));
    expect(inner).toBe(300);
  });

  it("is read on receipt as the receiver's now plus the time left; a malformed header is no deadline", () => {
    expect(deadlineFromHeader("250", 1000)).toBe(1250);
    for (const bad of [undefined, "", "-1", "1.5", "soon", "99999999999"]) expect(deadlineFromHeader(bad, 1000)).toBeUndefined();
  });

  it("bounds the request that carries it: the process's shell runs it with that deadline", async () => {
    const forwarded = withDeadline(clock.nowMs() + 700, () => deadlineHeaders());
    expect(await leftFor(forwarded)).toBe(700);
    expect(await leftFor({})).toBeNull();
  });
});
