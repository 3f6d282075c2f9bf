import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { usersModule } from "./module.ts";
import { bearer, login, mailedToken, operator, register, uniqueEmail } from "./users.test-support.ts";

describe("users: account recovery", () => {
  let system: InProcessSystem;
  const forgot = (email: string) => system.client.http.post("/api/v1/auth/forgot-password", { email });
  const reset = (token: string, password: string) => system.client.http.post("/api/v1/auth/reset-password", { token, password });

  beforeAll(async () => {
    system = await inProcess({ modules: [usersModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("resets the password, signs out every session, and then only the new password works", async () => {
    const { client } = system;
    const email = uniqueEmail("forgetful");
    const { id } = await register(system, email, "old password");
    const phone = await login(system, email, "old password", "phone");
    const laptop = await login(system, email, "old password", "laptop");

    const accepted = await forgot(email);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ status: "accepted" });
    const { token, user_id } = await mailedToken(system, "user.password_reset_requested", email);
    expect(user_id).toBe(id);

    const done = await reset(token, "new password");
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ status: "password_reset" });
    const changed = await client.events.expect("user.password_changed", (e) => (e.payload as { user_id: string }).user_id === id);
    expect(changed.payload).toMatchObject({ user_id: id, revoked_sessions: 2 });

    expect((await client.http.get("/api/v1/profile", bearer(phone))).status).toBe(401);
    expect((await client.http.get("/api/v1/profile", bearer(laptop))).status).toBe(401);
    const oldPassword = await client.http.post("/api/v1/auth/login", { email, password: "old password" });
    expect(oldPassword.status).toBe(401);
    expect(oldPassword.body.error.code).toBe("invalid_credentials");
    const fresh = await login(system, email, "new password");
    expect((await client.http.get("/api/v1/profile", bearer(fresh))).body.id).toBe(id);

    const reused = await reset(token, "another password");
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe("invalid_token");
    expect((await reset("made-up-token", "another password")).body.error.code).toBe("invalid_token");
  });

  it("only honours the newest reset token", async () => {
    const email = uniqueEmail("twice-forgotten");
    await register(system, email, "first password");
    await system.client.events.fromNow();
    await forgot(email);
    const first = await mailedToken(system, "user.password_reset_requested", email);
    await system.client.events.fromNow();
    await forgot(email);
    const second = await mailedToken(system, "user.password_reset_requested", email);
    expect(second.token).not.toBe(first.token);
    expect((await reset(first.token, "stale password")).body.error.code).toBe("invalid_token");
    expect((await reset(second.token, "fresh password")).status).toBe(200);
    await login(system, email, "fresh password");
  });

  it("does not reveal whether an email has an account", async () => {
    await system.client.events.fromNow();
    const known = uniqueEmail("known");
    await register(system, known, "known password");
    const unknown = uniqueEmail("unknown");
    const [forKnown, forUnknown] = [await forgot(known), await forgot(unknown)];
    expect(forUnknown.status).toBe(forKnown.status);
    expect(forUnknown.body).toEqual(forKnown.body);
    await system.client.idle();
    expect(await system.client.events.all("user.password_reset_requested", (e) => (e.payload as { email: string }).email === unknown)).toEqual([]);
    expect((await forgot("not-an-email")).status).toBe(400);
  });

  it("lets an operator-created user set a first password through a reset", async () => {
    const email = uniqueEmail("staff");
    await system.client.http.post("/api/v1/users", { name: "Staff", email }, operator);
    await forgot(email);
    const { token } = await mailedToken(system, "user.password_reset_requested", email);
    expect((await reset(token, "first own password")).status).toBe(200);
    const session = await login(system, email, "first own password");
    expect((await system.client.http.get("/api/v1/profile", bearer(session))).body).toMatchObject({ name: "Staff", email_verified: true });
  });
});
