import { AppError } from "../errors.ts";
import type { LimitRule, RateLimiter } from "./rate-limiter.ts";

export interface Attempt {
  /** Gives the attempt back: it turned out not to count (a login that succeeded). Never fails the request. */
  refund(): Promise<void>;
}

/**
 * Counts one attempt of `subject` against `rule`, or refuses it as 429 rate_limited with Retry-After in whole
 * seconds. Callers throttle before the expensive work (a password hash), so a refused attempt costs nothing.
 */
export async function throttle(limiter: RateLimiter, rule: LimitRule, subject: string): Promise<Attempt> {
  const verdict = await limiter.hit(subject, rule);
  if (!verdict.allowed) {
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new AppError("rate_limited", "too many attempts; try again later", { rule: rule.name }, { "retry-after": String(seconds) });
  }
  // A refund that fails leaves one attempt counted, which is the safe side; the request it follows stands.
  return { refund: () => limiter.refund(subject, rule).catch(() => {}) };
}
