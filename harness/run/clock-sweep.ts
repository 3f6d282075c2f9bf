/** One run of a clock sweep: the faults that skew two modules' clocks, and a name for its report. */
export interface ClockSkewRun {
  readonly label: string;
  readonly faults: string;
}

/**
 * A skew sweep over a system's modules: one run per module, its clock `ms` ahead and the next module's (in
 * the system's order, wrapping round) `ms` behind, so every module is once ahead and once behind, and every
 * pair of neighbours disagrees by twice the skew once.
 */
export const clockSweep = (modules: readonly string[], ms: number): ClockSkewRun[] =>
  modules.map((ahead, i) => {
    const behind = modules[(i + 1) % modules.length] ?? ahead;
    return { label: `clock-${ahead}`, faults: behind === ahead ? `clock:${ahead}=+${ms}` : `clock:${ahead}=+${ms},clock:${behind}=-${ms}` };
  });
