import { authEndpoints, authLimitSetting } from "../../modules/users/settings.ts";

/** Said beside the numbers: what the measured processes ran with. */
export const ENV_DESCRIPTION =
  "TWOFOLD_ENV=development (operator key), no harness (no tap, no tracing), argon2id 1 MiB / t=1, per-address /auth limits raised, data on disk in a fresh temp dir, durable Postgres (fsync on), logs as production writes them (JSON lines at info, an access line per request)";

/**
 * A production-like environment for the processes the bench starts: nothing of the caller's TWOFOLD_*,
 * DATABASE_URL or REDIS_URL leaks in (the split starts its own Redis and Postgres, as `bun run split` does).
 * Development mode only for the documented operator key; password hashing is cheap so sign-ups do not
 * dominate, and every client comes from one address, so per-address sign-in limits are lifted.
 */
export function benchEnv(extra: Record<string, string>): Record<string, string> {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(TWOFOLD_|DATABASE_URL|REDIS_URL)/.test(key));
  return {
    ...(Object.fromEntries(inherited) as Record<string, string>),
    TWOFOLD_ENV: "development",
    // Development would write readable lines; the numbers are production's, which writes JSON.
    LOG_FORMAT: "json",
    TWOFOLD_PASSWORD_MEMORY_KIB: "1024",
    TWOFOLD_PASSWORD_TIME_COST: "1",
    ...Object.fromEntries(authEndpoints.map((endpoint) => [`TWOFOLD_${authLimitSetting(endpoint, "address")}`, "1000000"])),
    ...extra,
  };
}
