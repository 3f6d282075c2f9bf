import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import type { AppError } from "../../runtime/module-api/index.ts";
import { usersModule } from "./module.ts";
import { bearer, login, mailedToken, register, uniqueEmail } from "./users.test-support.ts";

describe("users: tokens and sessions expire", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess(
      { modules: [usersModule], calls: shopCalls, events: shopEvents },
      { TWOFOLD_VERIFY_TOKEN_TTL_MS: "1", TWOFOLD_RESET_TOKEN_TTL_MS: "1", TWOFOLD_SESSION_TTL_MS: "1" },
    );
  });
  afterAll(() => system.stop());

  it("refuses an expired verification token and leaves the email unverified", async () => {
    const email = uniqueEmail("late-verifier");
    const { id, verifyToken } = await register(system, email, "late password");
    const late = await system.client.http.post("/api/v1/auth/verify-email", { token: verifyToken });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe("invalid_token");
    expect(await system.client.sql("users", "select email_verified_at from users where id = ?", [id])).toEqual([{ email_verified_at: null }]);
  });

  it("refuses an expired reset token and keeps the old password", async () => {
    const email = uniqueEmail("late-resetter");
    await register(system, email, "kept password");
    await system.client.http.post("/api/v1/auth/forgot-password", { email });
    const { token } = await mailedToken(system, "user.password_reset_requested", email);
    const late = await system.client.http.post("/api/v1/auth/reset-password", { token, password: "never set" });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe("invalid_token");
    expect((await system.client.http.post("/api/v1/auth/login", { email, password: "kept password" })).status).toBe(200);
  });

  it("stops honouring an expired session", async () => {
    const email = uniqueEmail("late-session");
    await register(system, email, "short lived");
    const token = await login(system, email, "short lived");
    expect((await system.client.http.get("/api/v1/profile", bearer(token))).status).toBe(401);
    const refused = await system.monolith.bus.call("orders", Authenticate, { token }).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe("unauthenticated");
  });
});
