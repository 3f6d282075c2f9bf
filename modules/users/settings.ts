import {
  defineSettings,
  type LimitRule,
  limitRule,
  type ModuleContext,
  type SettingSpec,
  type SettingValues,
} from "../../runtime/module-api/index.ts";

const MINUTE = 60_000;

/**
 * What the /auth endpoints limit, [attempts, window ms], per account (the email or token the request names)
 * and per address (the client's IPv4 address or IPv6 /64). Login per account counts failures only
 * (auth-routes.ts); everything else counts every attempt.
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
type LimitSetting = `${Uppercase<AuthEndpoint>}_LIMIT_PER_${Uppercase<Per>}`;

export const authEndpoints = Object.keys(AUTH_LIMITS) as AuthEndpoint[];
const pers: readonly Per[] = ["account", "address"];

/** The setting of one endpoint's limit, e.g. LOGIN_LIMIT_PER_ACCOUNT; its window is the same name with _WINDOW_MS. */
export const authLimitSetting = (endpoint: AuthEndpoint, per: Per): LimitSetting =>
  `${endpoint.toUpperCase()}_LIMIT_PER_${per.toUpperCase()}` as LimitSetting;

/** Each endpoint's limit and window as settings, e.g. TWOFOLD_LOGIN_LIMIT_PER_ACCOUNT and ..._WINDOW_MS; below 1 stops the boot. */
const authLimitSettings = Object.fromEntries(
  authEndpoints.flatMap((endpoint) =>
    pers.flatMap((per) => {
      const [limit, windowMs] = AUTH_LIMITS[endpoint][per];
      const name = authLimitSetting(endpoint, per);
      return [
        [name, { type: "integer", default: limit, min: 1, description: `${endpoint} attempts per ${per} in one window` }],
        [`${name}_WINDOW_MS`, { type: "integer", default: windowMs, min: 1, description: `the window of ${name}, opened by its first attempt` }],
      ];
    }),
  ),
) as Record<LimitSetting | `${LimitSetting}_WINDOW_MS`, SettingSpec>;

/** The users module's knobs (TWOFOLD_<NAME>); the tests shrink hashing cost (harness/test-env.ts). */
export const usersSettings = defineSettings({
  PASSWORD_MEMORY_KIB: { type: "integer", default: 19_456, min: 1, description: "argon2id memory cost of a password hash, in KiB" },
  PASSWORD_TIME_COST: { type: "integer", default: 2, min: 1, description: "argon2id iterations of a password hash" },
  SESSION_TTL_MS: { type: "integer", default: 30 * 24 * 60 * MINUTE, description: "how long a session lasts (30 days)" },
  VERIFY_TOKEN_TTL_MS: { type: "integer", default: 24 * 60 * MINUTE, description: "how long an email verification token is good for (1 day)" },
  RESET_TOKEN_TTL_MS: { type: "integer", default: 60 * MINUTE, description: "how long a password reset token is good for (1 hour)" },
  ...authLimitSettings,
});

export type UsersSettings = SettingValues<typeof usersSettings>;

/** What users' code runs with: a module context with the users settings. */
export type UsersContext = ModuleContext<typeof usersSettings>;

export type AuthLimits = Readonly<Record<AuthEndpoint, Readonly<Record<Per, LimitRule>>>>;

/** Every limit rule of the /auth endpoints, from the module's settings. */
export function authLimits(settings: UsersSettings): AuthLimits {
  const rule = (endpoint: AuthEndpoint, per: Per) => {
    const name = authLimitSetting(endpoint, per);
    return limitRule(`${endpoint}_per_${per}`, settings[name], settings[`${name}_WINDOW_MS`]);
  };
  return Object.fromEntries(
    authEndpoints.map((endpoint) => [endpoint, { account: rule(endpoint, "account"), address: rule(endpoint, "address") }]),
  ) as AuthLimits;
}
