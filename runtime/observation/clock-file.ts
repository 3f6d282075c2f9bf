import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { AdvancingClock } from "../clock.ts";

/** Where a harness topology keeps where its clock stands, beside its traces (TWOFOLD_TRACE_DIR). */
export const clockFileIn = (traceDir: string): string => `${traceDir}/clock.json`;

interface ClockStanding {
  /** The time the clock read when it was written (epoch ms), and whether it was frozen there. */
  readonly at_ms: number;
  readonly frozen: boolean;
  /** The machine's time then: a running clock has moved on with it since. */
  readonly written_ms: number;
}

/** Writes where `clock` stands, after a harness moved it: a process of the topology started later starts there. */
export function writeClockStanding(clock: AdvancingClock, file: string): void {
  const standing: ClockStanding = { at_ms: clock.nowMs(), frozen: clock.frozen, written_ms: Date.now() };
  // Every process of the topology writes it on the same command: each in full, then renamed into place.
  const written = `${file}.${process.pid}`;
  writeFileSync(written, JSON.stringify(standing));
  renameSync(written, file);
}

/**
 * Puts a process the harness's topology started again (a crash, a kill) on the topology's time: a harness that
 * moved every clock forward would otherwise see the restarted process's time jump back, and what it wrote
 * with the others' time (leases, due times) look minutes ahead of it. Never backwards: a standing behind the
 * machine's time changes nothing.
 */
export function restoreClockStanding(clock: AdvancingClock, file: string): void {
  if (!existsSync(file)) return;
  const standing = JSON.parse(readFileSync(file, "utf8")) as ClockStanding;
  const target = standing.frozen ? standing.at_ms : standing.at_ms + (Date.now() - standing.written_ms);
  const ahead = target - clock.nowMs();
  if (ahead > 0) clock.advance(ahead);
  if (standing.frozen) clock.freeze();
}
