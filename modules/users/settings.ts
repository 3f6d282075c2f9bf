import type { RuntimeConfig } from "../../runtime/config.ts";

/** The users module's knobs (TWOFOLD_<NAME> in the environment); tests shrink hashing cost and TTLs. */
export const usersSettings = (config: RuntimeConfig) => ({
  passwordMemoryKib: config.setting("PASSWORD_MEMORY_KIB", 19_456),
  passwordTimeCost: config.setting("PASSWORD_TIME_COST", 2),
  sessionTtlMs: config.setting("SESSION_TTL_MS", 30 * 24 * 60 * 60 * 1000),
  verifyTokenTtlMs: config.setting("VERIFY_TOKEN_TTL_MS", 86_400_000),
  resetTokenTtlMs: config.setting("RESET_TOKEN_TTL_MS", 3_600_000),
});
export type UsersSettings = ReturnType<typeof usersSettings>;
