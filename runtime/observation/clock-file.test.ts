import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AdvancingClock } from "../clock.ts";
import { clockFileIn, restoreClockStanding, writeClockStanding } from "./clock-file.ts";

describe("a topology's clock standing, for the processes started after the harness moved it", () => {
  const dir = mkdtempSync(join(tmpdir(), "twofold-clock-"));
  const file = clockFileIn(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts a restarted process where the others stand: a minute ahead, running", () => {
    const before = new AdvancingClock();
    before.advance(60_000);
    writeClockStanding(before, file);
    const restarted = new AdvancingClock();
    restoreClockStanding(restarted, file);
    expect(restarted.frozen).toBe(false);
    expect(Math.abs(restarted.nowMs() - before.nowMs())).toBeLessThan(1000);
    expect(restarted.nowMs() - Date.now()).toBeGreaterThan(59_000);
  });

  it("frozen where the others are frozen, and never moved back", () => {
    const before = new AdvancingClock();
    before.freeze();
    before.advance(120_000);
    writeClockStanding(before, file);
    const restarted = new AdvancingClock();
    restoreClockStanding(restarted, file);
    expect([restarted.frozen, restarted.nowMs()]).toEqual([true, before.nowMs()]);

    const behind = new AdvancingClock();
    behind.advance(10 * 60_000);
    const read = behind.nowMs();
    restoreClockStanding(behind, file);
    expect(behind.nowMs()).toBeGreaterThanOrEqual(read);
  });
});
