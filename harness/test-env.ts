import { everyModule } from "../modules/index.ts";
import { settingVariable } from "../runtime/settings.ts";

/** Every endpoint's per-account limit under test; the rate-limit suite floods one account past it. */
export const TEST_LIMIT_PER_ACCOUNT = 5;

/**
 * Every suite's requests come from one address, so per-address limits under test are out of reach, and the
 * rate-limit suite floods one account instead (the per-address rules have unit tests of their own).
 */
const underTest = { ACCOUNT: String(TEST_LIMIT_PER_ACCOUNT), ADDRESS: "100000" } as const;
/** Every rate limit any module declares (`<ENDPOINT>_LIMIT_PER_<ACCOUNT|ADDRESS>`, the README's convention), at its value under test. */
const authLimits = Object.fromEntries(
  everyModule.flatMap((m) =>
    Object.keys(m.settings ?? {}).flatMap((name) => {
      const per = /_LIMIT_PER_(ACCOUNT|ADDRESS)$/.exec(name)?.[1] as keyof typeof underTest | undefined;
      return per ? [[settingVariable(name), underTest[per]]] : [];
    }),
  ),
);

/** How long a BullMQ worker's lock on a job lasts under test, unless renewed: a pause longer than this loses it. */
export const TEST_LOCK_MS = 5000;

/** How long a call waits for its reply under test: less than the checkout's deadline (5.2 s). */
export const TEST_CALL_TIMEOUT_MS = 5000;

/** How long the warehouse holds a reservation under test: the clock skew suite lets one expire. */
export const TEST_RESERVATION_TTL_MS = 60_000;

/** Settings for a topology under test: in-memory databases, harness on, fast retries and stall detection. */
export const testEnv = (): Record<string, string> => {
  const prefix = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    TWOFOLD_ENV: "development",
    TWOFOLD_DATA_DIR: "memory",
    TWOFOLD_HARNESS: "1",
    // Warnings and errors only: in-process tests write to the test run's own output, and an access line per
    // request would drown it. A test that reads a process's lines sets the level it needs.
    LOG_LEVEL: "warn",
    TWOFOLD_EVENT_BACKOFF_MS: "50",
    TWOFOLD_OUTBOX_SWEEP_MS: "200",
    TWOFOLD_LOCK_MS: String(TEST_LOCK_MS),
    TWOFOLD_STALLED_MS: "5000",
    TWOFOLD_QUEUE_PREFIX: prefix,
    TWOFOLD_INTERNAL_TOKEN: crypto.randomUUID(),
    // Cheap password hashing. The abandoned checkout (harness/systems/shop/flows/abandoned-checkout.flow.yaml) advances the
    // clock through these: a call times out at 5 s, the checkout at 5.2 s, tok_slow answers at 5.3 s, and the
    // saga's first retry is due at 5.4 s — so the late charge lands between the deadline and the saga's next look.
    TWOFOLD_PASSWORD_MEMORY_KIB: "1024",
    TWOFOLD_PASSWORD_TIME_COST: "1",
    TWOFOLD_CALL_TIMEOUT_MS: String(TEST_CALL_TIMEOUT_MS),
    TWOFOLD_CHECKOUT_TIMEOUT_MS: "5200",
    TWOFOLD_RESERVATION_TTL_MS: String(TEST_RESERVATION_TTL_MS),
    TWOFOLD_PAYMENT_SLOW_MS: "5300",
    // A slow model provider gives up in half a second, so the learning platform's ai-provider-down flow waits no longer.
    TWOFOLD_TUTOR_REPLY_TIMEOUT_MS: "500",
    TWOFOLD_SAGA_TICK_MS: "200",
    TWOFOLD_RESERVATION_SWEEP_MS: "200",
    TWOFOLD_PRODUCT_SWEEP_MS: "200",
    ...authLimits,
    ...ownDatabase(prefix),
  };
};

/**
 * On a shared Postgres (bun run test:pg) every topology a test starts gets databases of its own, so no
 * topology's outbox relay can pick up another's events.
 */
function ownDatabase(prefix: string): Record<string, string> {
  const shared = process.env.DATABASE_URL;
  if (!shared) return {};
  const url = new URL(shared);
  url.pathname = `/${url.pathname.replace(/^\//, "") || "postgres"}_${prefix}`;
  return { DATABASE_URL: url.toString() };
}
