/** Unfinished work in one process. The system is idle when every process reports zeros twice in a row. */
export interface ProcessActivity {
  readonly requests: number;
  readonly calls: number;
  readonly deliveries: number;
  readonly outbox: number;
  /** Background work (sagas, sweeps) running or due now. */
  readonly background: number;
}

export interface IdleReport {
  readonly idle: boolean;
  readonly processes: Record<string, ProcessActivity>;
}

const isQuiet = (a: ProcessActivity): boolean => a.requests + a.calls + a.deliveries + a.outbox + a.background === 0;

export const idleReport = (processes: Record<string, ProcessActivity>): IdleReport => ({
  idle: Object.values(processes).every(isQuiet),
  processes,
});
