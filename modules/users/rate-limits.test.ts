import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import type { HttpResult } from "../../harness/system/http.ts";
import { TEST_LIMIT_PER_ACCOUNT } from "../../harness/test-env.ts";
import { loadConfig } from "../../runtime/config.ts";
import { usersModule } from "./module.ts";
import { authLimits, type UsersSettings } from "./settings.ts";
import { uniqueEmail } from "./users.test-support.ts";

const PER_ADDRESS = 3;

const expectLimited = (result: HttpResult, rule: string) => {
  expect(result.status, JSON.stringify(result.body)).toBe(429);
  expect(result.body).toEqual({ error: { code: "rate_limited", message: expect.any(String), details: { rule } } });
  expect(Number(result.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
};

describe("users: rate limits", () => {
  let system: InProcessSystem;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    system.client.http.post(`/api/v1/auth/${path}`, body, { headers });

  beforeAll(async () => {
    // In process every request comes from one unknown address: a tight per-address budget for three endpoints.
    system = await inProcess(
      { modules: [usersModule], calls: shopCalls, events: shopEvents },
      {
        TWOFOLD_LOGIN_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
        TWOFOLD_REGISTER_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
        TWOFOLD_FORGOT_PASSWORD_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
      },
    );
  });
  afterAll(() => system.stop());

  it("limits logins per address across accounts, whatever x-forwarded-for the client claims", async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expect((await post("login", { email: uniqueEmail("spray"), password: "guess guess" })).status).toBe(401);
    expectLimited(await post("login", { email: uniqueEmail("spray"), password: "guess guess" }), "login_per_address");
    expectLimited(
      await post("login", { email: uniqueEmail("spray"), password: "guess guess" }, { "x-forwarded-for": "198.51.100.1" }),
      "login_per_address",
    );
  });

  it("limits registrations per address, and a refused one creates nobody", async () => {
    const emails = Array.from({ length: PER_ADDRESS + 1 }, () => uniqueEmail("signup"));
    for (const email of emails.slice(0, PER_ADDRESS)) expect((await post("register", { email, password: "long enough" })).status).toBe(201);
    const refused = emails[PER_ADDRESS] as string;
    expectLimited(await post("register", { email: refused, password: "long enough" }), "register_per_address");
    expect(await system.client.sql("users", "select id from users where email = ?", [refused])).toEqual([]);
  });

  it("limits password-reset requests per address", async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expect((await post("forgot-password", { email: uniqueEmail("who") })).status).toBe(202);
    expectLimited(await post("forgot-password", { email: uniqueEmail("who") }), "forgot_password_per_address");
  });

  it("limits guesses at one reset token and one verification token", async () => {
    for (const [path, body, rule] of [
      ["reset-password", { token: "guessed-reset-token", password: "new password" }, "reset_password_per_account"],
      ["verify-email", { token: "guessed-verify-token" }, "verify_email_per_account"],
    ] as const) {
      for (let i = 0; i < TEST_LIMIT_PER_ACCOUNT; i++) expect((await post(path, body)).body.error.code).toBe("invalid_token");
      expectLimited(await post(path, body), rule);
      expect((await post(path, { ...body, token: `${body.token}-other` })).body.error.code).toBe("invalid_token");
    }
  });
});

/** The users settings as a boot would parse them from `env`. */
const settingsFrom = (env: Record<string, string>) => loadConfig(env, [usersModule]).moduleSettings.get("users") as UsersSettings;

describe("users: rate-limit settings", () => {
  it("defaults to 10 failed logins per account per 15 minutes and 30 attempts per address per minute", () => {
    const limits = authLimits(settingsFrom({}));
    expect(limits.login).toEqual({
      account: { name: "login_per_account", limit: 10, windowMs: 900_000 },
      address: { name: "login_per_address", limit: 30, windowMs: 60_000 },
    });
  });

  it("reads each limit and window from the environment and refuses a limit of 0 at boot", () => {
    const limits = authLimits(settingsFrom({ TWOFOLD_REGISTER_LIMIT_PER_ACCOUNT: "2", TWOFOLD_REGISTER_LIMIT_PER_ACCOUNT_WINDOW_MS: "5000" }));
    expect(limits.register.account).toEqual({ name: "register_per_account", limit: 2, windowMs: 5000 });
    expect(() => settingsFrom({ TWOFOLD_LOGIN_LIMIT_PER_ADDRESS: "0" })).toThrow(
      /TWOFOLD_LOGIN_LIMIT_PER_ADDRESS: must be a whole number of at least 1/,
    );
  });
});
