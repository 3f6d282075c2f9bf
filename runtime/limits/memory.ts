import type { LimitRule, LimitVerdict, RateLimiter } from "./rate-limiter.ts";

const SWEEP_EVERY_MS = 10_000;

interface Window {
  count: number;
  readonly endsAt: number;
}

/** Counts in this process's memory: the monolith's limiter, where one process sees every request. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, rule: LimitRule): Promise<LimitVerdict> {
    const now = this.now();
    this.sweep(now);
    const id = `${rule.name}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + rule.windowMs };
      this.windows.set(id, window);
    }
    if (window.count >= rule.limit) return { allowed: false, retryAfterMs: window.endsAt - now, remaining: 0 };
    window.count++;
    return { allowed: true, retryAfterMs: 0, remaining: rule.limit - window.count };
  }

  async refund(key: string, rule: LimitRule): Promise<void> {
    const window = this.windows.get(`${rule.name}\u0000${key}`);
    if (window && window.endsAt > this.now() && window.count > 0) window.count--;
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  /** Forgets ended windows now and then, so a flood of distinct keys holds memory for one window at most. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const [id, window] of this.windows) if (window.endsAt <= now) this.windows.delete(id);
  }
}
