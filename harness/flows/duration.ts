const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** "500ms", "15s", "2m", "1.5s" or a bare number of milliseconds → milliseconds. */
export function parseDuration(value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  const match = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value) : null;
  if (!match) throw new Error(`not a duration: ${JSON.stringify(value)} (use e.g. "500ms", "15s", "2m")`);
  return Number(match[1]) * (units[match[2] ?? "ms"] ?? 1);
}
