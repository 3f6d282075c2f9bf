/** The knobs of the bus's call policies; loadConfig reads each from its TWOFOLD_ variable (runtime/config.ts). */
export interface ResilienceSettings {
  /** Unanswered calls in a row (timeouts, unreachable) from one module to another that open their circuit. */
  readonly breakerFailures: number;
  /** How long an open circuit fails calls fast before it lets one probe through. */
  readonly breakerCooldownMs: number;
  /** Calls a process may have waiting on one callee module at once; one more is refused with bulkhead_full. */
  readonly bulkheadMax: number;
  /** Attempts of a retry-safe call, the first included. */
  readonly retryAttempts: number;
  /** The shortest wait before a retry, and the longest. */
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  breakerFailures: 5,
  breakerCooldownMs: 5000,
  bulkheadMax: 64,
  retryAttempts: 3,
  retryBaseMs: 50,
  retryCapMs: 1000,
};
