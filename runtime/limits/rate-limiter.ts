/**
 * One limit a module declares: at most `limit` hits per key in a fixed window of `windowMs`, opened by the
 * key's first hit. A fixed window lets a client spend up to twice the budget across a window's end; in
 * exchange a hit is one atomic step and Retry-After is exact.
 */
export interface LimitRule {
  /** Names the counter, unique within the process: "login_per_account". */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

export interface LimitVerdict {
  readonly allowed: boolean;
  /** When refused, how long until the key's window ends and its budget is back; 0 when allowed. */
  readonly retryAfterMs: number;
  /** Hits the key has left in this window. */
  readonly remaining: number;
}

/**
 * The runtime's rate-limiting port (ModuleContext.limits). The monolith counts in memory; split services
 * count in Redis, so every replica of a service spends one shared budget.
 */
export interface RateLimiter {
  /** Counts one hit of `key` against `rule`; once the budget is spent the hit is refused and not counted. */
  hit(key: string, rule: LimitRule): Promise<LimitVerdict>;
  /** Gives one counted hit back (an attempt that turned out not to count, such as a login that succeeded). */
  refund(key: string, rule: LimitRule): Promise<void>;
  /** Releases what the limiter holds; the host calls it at shutdown. */
  close(): Promise<void>;
}

/** A rule, checked once when it is declared: a limit or window below 1 is a configuration error. */
export function limitRule(name: string, limit: number, windowMs: number): LimitRule {
  for (const [what, value] of [
    ["limit", limit],
    ["window", windowMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`rate limit ${name}: the ${what} must be a positive integer, got ${value}`);
  }
  return { name, limit, windowMs };
}
