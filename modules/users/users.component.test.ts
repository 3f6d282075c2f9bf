import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { type Neighbour, neighbourOf } from "../../harness/stubs/neighbour.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { usersModule } from "./module.ts";

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/**
 * Users alone, on its real database. It calls no other module, so no stub stands in for anyone; what the unit
 * tests do not show is its calls answered over the wire, as every other module reaches it when split.
 */
describe("users as a component", () => {
  let users: Component;
  let cart: Neighbour;

  beforeAll(async () => {
    users = await startComponent(usersModule);
    cart = neighbourOf(users, "cart");
  });
  afterAll(async () => {
    cart.stop();
    await users.stop();
  });

  it("answers users.authenticate over the wire for a live session, and unauthenticated once it is signed out", async () => {
    const email = `ada-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const registered = await users.client.http.post("/api/v1/auth/register", { email, password: "correct horse battery", name: "Ada" });
    expect(registered.status).toBe(201);
    const login = await users.client.http.post("/api/v1/auth/login", { email, password: "correct horse battery" });
    expect(login.status).toBe(200);

    expect(await cart.call(Authenticate, { token: login.body.token })).toEqual({
      user_id: registered.body.id,
      session_id: login.body.session_id,
      email_verified: false,
    });
    expect((await users.client.http.post("/api/v1/auth/logout", undefined, bearer(login.body.token))).status).toBe(204);
    await expect(cart.call(Authenticate, { token: login.body.token })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(cart.call(Authenticate, { token: "never-issued" })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("answers users.get over the wire for an operator's user, and user_not_found for an unknown id", async () => {
    const email = `grace-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const created = await users.client.http.post(
      "/api/v1/users",
      { name: "Grace", email },
      { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } },
    );
    expect(created.status).toBe(201);
    expect(await cart.call(GetUser, { user_id: created.body.id })).toEqual({
      id: created.body.id,
      name: "Grace",
      email,
      email_verified: true,
      profile_complete: false,
    });
    await expect(cart.call(GetUser, { user_id: "u-nobody" })).rejects.toMatchObject({ code: "user_not_found" });
  });
});
