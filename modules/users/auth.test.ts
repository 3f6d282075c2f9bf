import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { usersModule } from "./module.ts";
import { bearer, login, register, uniqueEmail } from "./users.test-support.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("users: registration, verification, sessions and profile", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [usersModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("registers, mails a verification token, and verifies the email with it once", async () => {
    const { client } = system;
    const email = uniqueEmail("ada");
    const created = await client.http.post("/api/v1/auth/register", { email: email.toUpperCase(), password: "correct horse", name: "Ada" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, name: "Ada", phone: null, address: null, email_verified: false, profile_complete: false });
    const welcomed = await client.events.expect("user.created", (e) => (e.payload as { email: string }).email === email);
    expect(welcomed.payload).toMatchObject({ user_id: created.body.id, name: "Ada" });
    const mail = await client.events.expect("user.verification_requested", (e) => (e.payload as { email: string }).email === email);
    const { token } = mail.payload as { token: string };

    const [stored] = await client.sql<{ password_hash: string }>("users", "select password_hash from users where id = ?", [created.body.id]);
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await client.sql("users", "select token_hash from one_time_tokens where user_id = ?", [created.body.id])).toEqual([
      { token_hash: sha256(token) },
    ]);

    const verified = await client.http.post("/api/v1/auth/verify-email", { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: created.body.id, email_verified: true });
    await client.events.expect("user.verified", (e) => (e.payload as { user_id: string }).user_id === created.body.id);
    const again = await client.http.post("/api/v1/auth/verify-email", { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("invalid_token");
    expect((await client.http.post("/api/v1/auth/verify-email", { token: "made-up" })).body.error.code).toBe("invalid_token");

    const session = await login(system, email, "correct horse");
    expect((await client.http.get("/api/v1/profile", bearer(session))).body).toMatchObject({ id: created.body.id, email_verified: true });
  });

  it("refuses a second registration of an email and bad input", async () => {
    const email = uniqueEmail("twice");
    await register(system, email, "password-one");
    const again = await system.client.http.post("/api/v1/auth/register", { email, password: "password-two" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("email_taken");
    const short = await system.client.http.post("/api/v1/auth/register", { email: uniqueEmail("short"), password: "short" });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe("validation_failed");
    expect((await system.client.http.post("/api/v1/auth/login", { email: 42 })).status).toBe(400);
  });

  it("lets an unverified user sign in, and says the same for a wrong password and an unknown email", async () => {
    const email = uniqueEmail("new");
    const { id } = await register(system, email, "my password");
    const ok = await system.client.http.post("/api/v1/auth/login", { email, password: "my password", device: "phone" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user_id: id, session_id: expect.any(String), token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(await system.client.sql("users", "select token_hash from sessions where id = ?", [ok.body.session_id])).toEqual([
      { token_hash: sha256(ok.body.token) },
    ]);
    expect((await system.client.http.get("/api/v1/profile", bearer(ok.body.token))).body.email_verified).toBe(false);

    const wrongPassword = await system.client.http.post("/api/v1/auth/login", { email, password: "not my password" });
    const unknownEmail = await system.client.http.post("/api/v1/auth/login", { email: uniqueEmail("nobody"), password: "my password" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.error.code).toBe("invalid_credentials");
  });

  it("keeps one session per device; logging out ends only that one", async () => {
    const { client } = system;
    const email = uniqueEmail("two-devices");
    const { id } = await register(system, email, "two devices");
    const phone = await login(system, email, "two devices", "phone");
    const laptop = await login(system, email, "two devices", "laptop");

    const listed = await client.http.get("/api/v1/sessions", bearer(phone));
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions.map((s: { device: string; current: boolean }) => [s.device, s.current]).sort()).toEqual([
      ["laptop", false],
      ["phone", true],
    ]);

    expect((await client.http.post("/api/v1/auth/logout", undefined, bearer(phone))).status).toBe(204);
    const loggedOut = await client.http.get("/api/v1/profile", bearer(phone));
    expect(loggedOut.status).toBe(401);
    expect(loggedOut.body.error.code).toBe("unauthenticated");
    expect((await client.http.get("/api/v1/profile", bearer(laptop))).status).toBe(200);
    const remaining = await client.http.get("/api/v1/sessions", bearer(laptop));
    expect(remaining.body.sessions).toEqual([expect.objectContaining({ device: "laptop", current: true })]);

    expect(await system.monolith.bus.call("orders", Authenticate, { token: laptop })).toEqual({
      user_id: id,
      session_id: remaining.body.sessions[0].id,
      email_verified: false,
    });
    const refused = await system.monolith.bus.call("orders", Authenticate, { token: phone }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("unauthenticated");
  });

  it("revokes one of my sessions by id, and never someone else's", async () => {
    const { client } = system;
    const mine = uniqueEmail("mine");
    const theirs = uniqueEmail("theirs");
    await register(system, mine, "mine mine mine");
    await register(system, theirs, "theirs theirs");
    const myPhone = await login(system, mine, "mine mine mine", "phone");
    const myLaptop = await login(system, mine, "mine mine mine", "laptop");
    const theirToken = await login(system, theirs, "theirs theirs");
    const theirSession = (await client.http.get("/api/v1/sessions", bearer(theirToken))).body.sessions[0].id;

    const stolen = await client.http.request("DELETE", `/api/v1/sessions/${theirSession}`, bearer(myPhone));
    expect(stolen.status).toBe(404);
    expect((await client.http.get("/api/v1/profile", bearer(theirToken))).status).toBe(200);

    const laptopSession = (await client.http.get("/api/v1/sessions", bearer(myLaptop))).body.sessions.find((s: { current: boolean }) => s.current).id;
    expect((await client.http.request("DELETE", `/api/v1/sessions/${laptopSession}`, bearer(myPhone))).status).toBe(204);
    expect((await client.http.get("/api/v1/profile", bearer(myLaptop))).status).toBe(401);
    expect((await client.http.get("/api/v1/profile", bearer(myPhone))).status).toBe(200);
    expect((await client.http.request("DELETE", "/api/v1/sessions/no-such-session", bearer(myPhone))).status).toBe(404);
  });

  it("updates the profile and says when it is complete", async () => {
    const { client } = system;
    const email = uniqueEmail("profile");
    await register(system, email, "profile pass");
    const token = await login(system, email, "profile pass");
    const address = { street: "1 Main St", city: "Springfield", postal_code: "12345", country: "us" };
    const full = await client.http.request("PUT", "/api/v1/profile", {
      ...bearer(token),
      body: { name: "Pat", phone: "+1 555 0100", address, user_id: "someone-else" },
    });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ email, name: "Pat", phone: "+1 555 0100", address: { ...address, country: "US" }, profile_complete: true });
    const partial = await client.http.request("PUT", "/api/v1/profile", { ...bearer(token), body: { name: "Pat" } });
    expect(partial.body).toMatchObject({ name: "Pat", phone: null, address: null, profile_complete: false });
    expect((await client.http.get("/api/v1/profile", bearer(token))).body).toEqual(partial.body);

    const bad = await client.http.request("PUT", "/api/v1/profile", {
      ...bearer(token),
      body: { name: "", phone: "call me", address: { street: "x" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    expect((await client.http.request("PUT", "/api/v1/profile", { body: { name: "Pat" } })).status).toBe(401);
    expect((await client.http.get("/api/v1/profile", bearer("forged-token"))).status).toBe(401);
    expect((await client.http.get("/api/v1/sessions")).status).toBe(401);
  });
});
