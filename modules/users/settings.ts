import type { RuntimeConfig } from "../../runtime/config.ts";
import { type LimitRule, limitRule } from "../../runtime/limits/rate-limiter.ts";

/** The users module's knobs (TWOFOLD_<NAME> in the environment); tests shrink hashing cost and TTLs. */
export const usersSettings = (config: RuntimeConfig) => ({
  passwordMemoryKib: config.setting("PASSWORD_MEMORY_KIB", 19_456),
  passwordTimeCost: config.setting("PASSWORD_TIME_COST", 2),
  sessionTtlMs: config.setting("SESSION_TTL_MS", 30 * 24 * 60 * 60 * 1000),
  verifyTokenTtlMs: config.setting("VERIFY_TOKEN_TTL_MS", 86_400_000),
  resetTokenTtlMs: config.setting("RESET_TOKEN_TTL_MS", 3_600_000),
});
export type UsersSettings = ReturnType<typeof usersSettings>;

const MINUTE = 60_000;

/**
 * What the /auth endpoints limit, [attempts, window ms], per account (the email or token the request names)
 * and per address (the client's IPv4 address or IPv6 /64). Each is TWOFOLD_<ENDPOINT>_LIMIT_PER_<ACCOUNT|ADDRESS>
 * with TWOFOLD_..._WINDOW_MS, e.g. TWOFOLD_LOGIN_LIMIT_PER_ACCOUNT and TWOFOLD_LOGIN_LIMIT_PER_ACCOUNT_WINDOW_MS.
 * Login per account counts failures only (auth-routes.ts); everything else counts every attempt.
 */
const AUTH_LIMITS = {
  login: { account: [10, 15 * MINUTE], address: [30, MINUTE] },
  register: { account: [5, 60 * MINUTE], address: [10, MINUTE] },
  forgot_password: { account: [5, 60 * MINUTE], address: [10, MINUTE] },
  reset_password: { account: [5, 15 * MINUTE], address: [10, MINUTE] },
  verify_email: { account: [5, 15 * MINUTE], address: [30, MINUTE] },
} as const satisfies Record<string, Record<"account" | "address", readonly [number, number]>>;

export type AuthEndpoint = keyof typeof AUTH_LIMITS;
type Per = "account" | "address";
export type AuthLimits = Readonly<Record<AuthEndpoint, Readonly<Record<Per, LimitRule>>>>;

export const authEndpoints = Object.keys(AUTH_LIMITS) as AuthEndpoint[];

/** The setting (without TWOFOLD_) of one endpoint's limit; its window is the same name with _WINDOW_MS. */
export const authLimitSetting = (endpoint: AuthEndpoint, per: Per): string => `${endpoint.toUpperCase()}_LIMIT_PER_${per.toUpperCase()}`;

/** Every limit rule of the /auth endpoints, from the environment or the defaults above; a bad value fails at boot. */
export function authLimits(config: RuntimeConfig): AuthLimits {
  const rule = (endpoint: AuthEndpoint, per: Per, [limit, windowMs]: readonly [number, number]) => {
    const setting = authLimitSetting(endpoint, per);
    return limitRule(`${endpoint}_per_${per}`, config.setting(setting, limit), config.setting(`${setting}_WINDOW_MS`, windowMs));
  };
  const entries = authEndpoints.map((endpoint) => {
    const { account, address } = AUTH_LIMITS[endpoint];
    return [endpoint, { account: rule(endpoint, "account", account), address: rule(endpoint, "address", address) }];
  });
  return Object.fromEntries(entries) as AuthLimits;
}
