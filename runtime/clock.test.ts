import { describe, expect, it } from "vitest";
import { AdvancingClock, clockTimeout, OffsetClock } from "./clock.ts";

describe("the advancing clock", () => {
  it("reads real time plus what it was advanced by", () => {
    const clock = new AdvancingClock();
    const before = Date.now();
    clock.advance(60_000);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(before + 60_000);
    expect(clock.state().offset_ms).toBeGreaterThanOrEqual(59_990);
  });

  it("wakes exactly the sleepers an advance makes due", async () => {
    const clock = new AdvancingClock();
    const woke: string[] = [];
    const short = clock.sleep(1_000).then(() => woke.push("1s"));
    void clock.sleep(10_000).then(() => woke.push("10s"));
    clock.advance(2_000);
    await short;
    expect(woke).toEqual(["1s"]);
  });

  it("runs a scheduled wake-up once it is due, and never one cancelled first", () => {
    const clock = new AdvancingClock();
    clock.freeze();
    const ran: string[] = [];
    clock.schedule(1_000, () => ran.push("due"));
    const cancel = clock.schedule(1_000, () => ran.push("cancelled"));
    cancel();
    clock.advance(999);
    expect(ran).toEqual([]);
    clock.advance(1);
    clock.advance(5_000);
    expect(ran).toEqual(["due"]);
  });

  it("still wakes on real time", async () => {
    const clock = new AdvancingClock();
    const started = performance.now();
    await clock.sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("frozen, moves only when advanced, and a sleep waits for the advance however long real time takes", async () => {
    const clock = new AdvancingClock();
    clock.freeze();
    const at = clock.nowMs();
    let woke = false;
    const sleeping = clock.sleep(10).then(() => (woke = true));
    await Bun.sleep(30);
    expect(clock.nowMs()).toBe(at);
    expect(woke).toBe(false);
    clock.advance(10);
    await sleeping;
    expect(clock.nowMs()).toBe(at + 10);
  });

  it("released, runs on from where it stood, never backwards", async () => {
    const clock = new AdvancingClock();
    clock.freeze();
    clock.advance(60_000);
    const frozenAt = clock.nowMs();
    clock.release();
    expect(clock.nowMs()).toBeGreaterThanOrEqual(frozenAt);
    const sleeping = clock.sleep(5);
    await sleeping;
    expect(clock.frozen).toBe(false);
  });

  it("never goes back", () => {
    expect(() => new AdvancingClock().advance(-1)).toThrow(/forward/);
  });

  it("times out on its own time, and a cleared timeout never fires", async () => {
    const clock = new AdvancingClock();
    const fires = clockTimeout(5_000, clock);
    const cleared = clockTimeout(5_000, clock);
    cleared.clear();
    clock.advance(5_000);
    await Bun.sleep(0);
    expect(fires.signal.aborted).toBe(true);
    expect((fires.signal.reason as Error).name).toBe("TimeoutError");
    expect(cleared.signal.aborted).toBe(false);
  });
});

describe("a skewed view of a clock", () => {
  it("reads the offset ahead or behind, while a wait still takes its own length on the clock beneath", async () => {
    const base = new AdvancingClock();
    base.freeze();
    let offset = 300_000;
    const skewed = new OffsetClock(base, () => offset);
    expect(skewed.nowMs() - base.nowMs()).toBe(300_000);
    offset = -5000;
    expect(skewed.now().getTime() - base.nowMs()).toBe(-5000);
    let woke = false;
    const sleeping = skewed.sleep(1000).then(() => (woke = true));
    base.advance(999);
    await Promise.resolve();
    expect(woke).toBe(false);
    base.advance(1);
    await sleeping;
    expect(woke).toBe(true);
  });
});
