import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { GetUser } from "../../contracts/users/calls.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { usersModule } from "./module.ts";
import { operator, uniqueEmail } from "./users.test-support.ts";

describe("users: the operator API", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [usersModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("stores the user and its user.created event together", async () => {
    const { client } = system;
    await client.events.fromNow();
    const created = await client.http.post("/api/v1/users", { name: " Ada ", email: "ADA@Example.com" }, operator);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Ada", email: "ada@example.com" });
    const rows = await client.sql("users", "select name, email from users where id = ?", [created.body.id]);
    expect(rows).toEqual([{ name: "Ada", email: "ada@example.com" }]);
    const event = await client.events.expect("user.created", (e) => (e.payload as { user_id: string }).user_id === created.body.id);
    expect(event.payload).toEqual({ user_id: created.body.id, name: "Ada", email: "ada@example.com", created_at: created.body.created_at });
    expect((await client.http.get(`/api/v1/users/${created.body.id}`, operator)).body).toEqual(created.body);
  });

  it("refuses requests without the right operator key", async () => {
    const body = { name: "Mallory", email: uniqueEmail("mallory") };
    const missing = await system.client.http.post("/api/v1/users", body);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("operator_key_required");
    const wrong = await system.client.http.post("/api/v1/users", body, { headers: { "x-operator-key": "not-the-operator-key" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("operator_key_required");
    expect(await system.client.sql("users", "select id from users where email = ?", [body.email])).toEqual([]);
    const created = await system.client.http.post("/api/v1/users", body, operator);
    const read = await system.client.http.get(`/api/v1/users/${created.body.id}`);
    expect(read.status).toBe(401);
    expect(read.body.error.code).toBe("operator_key_required");
  });

  it("answers a duplicate email (in any case) with 409 email_taken", async () => {
    const email = uniqueEmail("dup");
    expect((await system.client.http.post("/api/v1/users", { name: "First", email }, operator)).status).toBe(201);
    const second = await system.client.http.post("/api/v1/users", { name: "Second", email: email.toUpperCase() }, operator);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("email_taken");
  });

  it("creates exactly one user when the same email registers concurrently", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => system.client.http.post("/api/v1/users", { name: `Twin ${i}`, email: "twin@example.com" }, operator)),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await system.client.sql("users", "select id from users where email = 'twin@example.com'")).toHaveLength(1);
    await system.client.idle();
    expect(await system.client.events.all("user.created", (e) => (e.payload as { email: string }).email === "twin@example.com")).toHaveLength(1);
  });

  it("answers bad input with 400 and an unknown id with 404", async () => {
    const bad = await system.client.http.post("/api/v1/users", { name: "", email: "not-an-email" }, operator);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    expect((await system.client.http.post("/api/v1/users", "{oops", operator)).body.error.code).toBe("invalid_json");
    const missing = await system.client.http.get("/api/v1/users/no-such-user", operator);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("user_not_found");
    expect((await system.client.http.request("DELETE", "/api/v1/users")).status).toBe(405);
  });

  it("makes operator-created users verified and without a password", async () => {
    const email = uniqueEmail("staff");
    await system.client.http.post("/api/v1/users", { name: "Staff", email }, operator);
    expect(
      await system.client.sql("users", "select password_hash, email_verified_at is not null as verified from users where email = ?", [email]),
    ).toEqual([{ password_hash: null, verified: true }]);
    const login = await system.client.http.post("/api/v1/auth/login", { email, password: "anything-at-all" });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe("invalid_credentials");
  });

  it("answers users.get, and user_not_found for an unknown id", async () => {
    const email = uniqueEmail("grace");
    const created = await system.client.http.post("/api/v1/users", { name: "Grace", email }, operator);
    const reply = await system.monolith.bus.call("orders", GetUser, { user_id: created.body.id });
    expect(reply).toEqual({ id: created.body.id, name: "Grace", email, email_verified: true, profile_complete: false });
    const error = await system.monolith.bus.call("orders", GetUser, { user_id: "nobody" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("user_not_found");
  });

  it("answers users.get with whether the email is verified and the profile complete, as the profile says", async () => {
    const email = uniqueEmail("learner");
    const password = "correct horse battery staple";
    const registered = await system.client.http.post("/api/v1/auth/register", { email, password });
    const login = await system.client.http.post("/api/v1/auth/login", { email, password });
    const ask = () => system.monolith.bus.call("courses", GetUser, { user_id: registered.body.id });
    expect(await ask()).toMatchObject({ email_verified: false, profile_complete: false });
    const address = { name: "Ada", street: "1 Way", city: "London", postal_code: "N1", country: "GB" };
    const profile = await system.client.http.request("PUT", "/api/v1/profile", {
      body: { name: "Ada", address },
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    expect(profile.body.profile_complete).toBe(true);
    expect(await ask()).toMatchObject({ name: "Ada", email_verified: false, profile_complete: true });
  });
});
