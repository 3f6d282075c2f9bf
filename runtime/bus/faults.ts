import { clock } from "../clock.ts";

/**
 * Faults injected into the wire on purpose (the harness's fault profiles): extra latency on calls into a
 * module, as from a slow network or an overloaded neighbour, and duplicated event deliveries, as an
 * at-least-once broker may produce. Written `latency:<module>=<ms>,duplicate=<rate>` in TWOFOLD_FAULTS.
 * Only the wire honours them: one process has no network to slow down.
 */
export interface Faults {
  readonly latencyMs: Readonly<Record<string, number>>;
  readonly duplicateRate: number;
}

export const noFaults: Faults = { latencyMs: {}, duplicateRate: 0 };

export function parseFaults(spec: string | undefined): Faults {
  if (!spec) return noFaults;
  const latencyMs: Record<string, number> = {};
  let duplicateRate = 0;
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const latency = /^latency:([a-z][a-z0-9-]*)=(\d+)$/.exec(part);
    const duplicate = /^duplicate=(0(\.\d+)?|1(\.0+)?)$/.exec(part);
    if (latency?.[1] && latency[2]) latencyMs[latency[1]] = Number(latency[2]);
    else if (duplicate?.[1]) duplicateRate = Number(duplicate[1]);
    else throw new Error(`invalid environment: TWOFOLD_FAULTS part "${part}" (expected latency:<module>=<ms> or duplicate=<0..1>)`);
  }
  return { latencyMs, duplicateRate };
}

/** Waits `ms` of the clock, or rejects with the signal's reason once it aborts (a timeout firing during the latency). */
export const delay = (ms: number, signal: AbortSignal): Promise<void> => clock.sleep(ms, signal);
