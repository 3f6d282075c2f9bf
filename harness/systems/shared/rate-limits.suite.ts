import assert from "node:assert/strict";
import { check, defineSuite, unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import type { HttpResult } from "../../system/http.ts";
import { TEST_LIMIT_PER_ACCOUNT } from "../../test-env.ts";
import { login, newCustomer } from "./identity.ts";

const expectLimited = (result: HttpResult, rule: string) => {
  assert.equal(result.status, 429, JSON.stringify(result.body));
  assert.deepEqual(result.body, { error: { code: "rate_limited", message: result.body?.error?.message, details: { rule } } });
  assert.equal(typeof result.body.error.message, "string");
  const retryAfter = result.headers.get("retry-after");
  assert.match(retryAfter ?? "", /^[1-9]\d*$/, `Retry-After: ${retryAfter}`);
};

/** `times` identical requests, one after another; answers their statuses. */
const repeat = async (times: number, send: () => Promise<HttpResult>) => {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await send()).status);
  return statuses;
};

const wrongPassword = (sys: SystemClient, email: string) => sys.http.post("/api/v1/auth/login", { email, password: "not the password at all" });

/**
 * Floods of one account's sign-in, sign-up and recovery are refused with 429 before any password is hashed;
 * per account (the topology under test allows TEST_LIMIT_PER_ACCOUNT attempts; every suite shares one address,
 * so per-address limits are tested beside the users module instead). In split the count lives in Redis.
 */
export const rateLimitSuite = defineSuite("Rate limits", [
  check("wrong passwords for one account are throttled, the right one too, other accounts are not", async (sys) => {
    const victim = await newCustomer(sys, { verified: false });
    const bystander = await newCustomer(sys, { verified: false });
    assert.deepEqual(await repeat(TEST_LIMIT_PER_ACCOUNT, () => wrongPassword(sys, victim.email)), Array(TEST_LIMIT_PER_ACCOUNT).fill(401));
    expectLimited(await wrongPassword(sys, victim.email), "login_per_account");
    expectLimited(await sys.http.post("/api/v1/auth/login", { email: victim.email, password: victim.password }), "login_per_account");
    await login(sys, bystander.email, bystander.password);
  }),
  check("signing in with the right password again and again is never throttled", async (sys) => {
    const regular = await newCustomer(sys, { verified: false });
    for (let i = 0; i < TEST_LIMIT_PER_ACCOUNT * 2; i++) await login(sys, regular.email, regular.password, `device ${i}`);
    assert.equal((await wrongPassword(sys, regular.email)).status, 401, "a failure after many successes is the first one counted");
  }),
  check("password-reset requests for one email are throttled the same whether it has an account or not", async (sys) => {
    const customer = await newCustomer(sys, { verified: false });
    for (const email of [customer.email, `${unique("nobody")}@example.com`]) {
      const forgot = () => sys.http.post("/api/v1/auth/forgot-password", { email });
      assert.deepEqual(await repeat(TEST_LIMIT_PER_ACCOUNT, forgot), Array(TEST_LIMIT_PER_ACCOUNT).fill(202));
      expectLimited(await forgot(), "forgot_password_per_account");
    }
  }),
  check("registering one email over and over is throttled", async (sys) => {
    const email = `${unique("signup")}@example.com`;
    const register = () => sys.http.post("/api/v1/auth/register", { email, password: "correct horse battery staple" });
    assert.deepEqual(await repeat(TEST_LIMIT_PER_ACCOUNT, register), [201, ...Array(TEST_LIMIT_PER_ACCOUNT - 1).fill(409)]);
    expectLimited(await register(), "register_per_account");
    assert.equal(
      (await sys.http.post("/api/v1/auth/register", { email: `${unique("signup")}@example.com`, password: "another good one" })).status,
      201,
    );
  }),
]);
