import { describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { AdvancingClock } from "../clock.ts";
import { AppError } from "../errors.ts";
import type { FlagRollout as Rollout } from "./bucket.ts";
import { FlagRollouts } from "./rollouts.ts";

const REFRESH_MS = 1000;
const everyone = (version: number): Rollout => ({ name: "new_pricing", enabled: true, percentage: 100, users: [], version });
const nobody = (version: number): Rollout => ({ ...everyone(version), enabled: false });

/** A process's flags over a flags module that answers `answers` in turn (the last one again), counting its calls. */
function setUp(...answers: (Rollout | Error)[]) {
  const clock = new AdvancingClock();
  clock.freeze();
  const calls: string[] = [];
  const flags = new FlagRollouts(clock, REFRESH_MS).readerFor(async (name) => {
    calls.push(name);
    const answer = answers[Math.min(calls.length, answers.length) - 1] as Rollout | Error;
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { clock, calls, flags };
}

describe("a process's copy of the flags", () => {
  it("reads a flag once, however many ask at once, then answers from its copy", async () => {
    const { calls, flags } = setUp(everyone(1));
    expect(await Promise.all([flags.isOn("new_pricing", "u-1"), flags.isOn("new_pricing", "u-2")])).toEqual([true, true]);
    expect(await flags.isOn("new_pricing", "u-3")).toBe(true);
    expect(calls).toEqual(["new_pricing"]);
  });

  it("takes a newer rollout it is told of at once, and ignores an older one", async () => {
    const { calls, flags } = setUp(nobody(2));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(false);
    flags.learn(everyone(3));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(true);
    flags.learn(nobody(2));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("once its copy is older than the refresh period, answers with it and reads the flag again behind", async () => {
    const { clock, calls, flags } = setUp(nobody(1), everyone(2));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(false);
    clock.advance(REFRESH_MS - 1);
    expect(await flags.isOn("new_pricing", "u-1")).toBe(false);
    expect(calls).toHaveLength(1);
    clock.advance(1);
    expect(await flags.isOn("new_pricing", "u-1")).toBe(false);
    await eventually(async () => expect(await flags.isOn("new_pricing", "u-1")).toBe(true));
    expect(calls).toHaveLength(2);
  });

  it("is off while the flag's owner cannot be reached, and reads again next time", async () => {
    const { calls, flags } = setUp(new AppError("service_unavailable", "flags is down"), everyone(1));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(false);
    expect(await flags.isOn("new_pricing", "u-1")).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it("keeps its copy when a refresh goes unanswered, until the next refresh period", async () => {
    const { clock, calls, flags } = setUp(everyone(1), new AppError("circuit_open", "flags is failing"));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(true);
    clock.advance(REFRESH_MS);
    expect(await flags.isOn("new_pricing", "u-1")).toBe(true);
    await eventually(() => expect(calls).toHaveLength(2));
    expect(await flags.isOn("new_pricing", "u-1")).toBe(true);
    expect(calls).toHaveLength(2);
    clock.advance(REFRESH_MS);
    await flags.isOn("new_pricing", "u-1");
    expect(calls).toHaveLength(3);
  });

  it("fails a read whose answer was an error other than unavailability (a contract violation is a bug)", async () => {
    const { flags } = setUp(new AppError("contract_violation", "bad reply"));
    await expect(flags.isOn("new_pricing", "u-1")).rejects.toThrow("bad reply");
  });
});
