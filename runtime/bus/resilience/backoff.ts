import type { ResilienceSettings } from "./settings.ts";

/**
 * The wait before the next retry, "decorrelated jitter": random between the base and three times the previous
 * wait, capped. Callers that failed together spread out instead of retrying in lockstep. Start from the base.
 */
export const nextBackoff = (
  previousMs: number,
  settings: Pick<ResilienceSettings, "retryBaseMs" | "retryCapMs">,
  random: () => number = Math.random,
): number => {
  const base = settings.retryBaseMs;
  return Math.min(settings.retryCapMs, base + random() * Math.max(0, previousMs * 3 - base));
};
