import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { GetUser } from "../../contracts/users/calls.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { AppError } from "../../runtime/errors.ts";
import { usersModule } from "./module.ts";

describe("users module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [usersModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("stores the user and its user.created event together", async () => {
    const { client } = system;
    await client.events.fromNow();
    const created = await client.http.post("/api/v1/users", { name: " Ada ", email: "ADA@Example.com" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Ada", email: "ada@example.com" });
    const rows = await client.sql("users", "select name, email from users where id = ?", [created.body.id]);
    expect(rows).toEqual([{ name: "Ada", email: "ada@example.com" }]);
    const event = await client.events.expect("user.created", (e) => (e.payload as { user_id: string }).user_id === created.body.id);
    expect(event.payload).toEqual({ user_id: created.body.id, name: "Ada", email: "ada@example.com", created_at: created.body.created_at });
  });

  it("creates exactly one user when the same email registers concurrently", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => system.client.http.post("/api/v1/users", { name: `Twin ${i}`, email: "twin@example.com" })),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await system.client.sql("users", "select id from users where email = 'twin@example.com'")).toHaveLength(1);
    await system.client.idle();
    expect(await system.client.events.all("user.created", (e) => (e.payload as { email: string }).email === "twin@example.com")).toHaveLength(1);
  });

  it("answers users.get, and user_not_found for an unknown id", async () => {
    const created = await system.client.http.post("/api/v1/users", { name: "Grace", email: "grace@example.com" });
    const reply = await system.monolith.bus.call("orders", GetUser, { user_id: created.body.id });
    expect(reply).toEqual({ id: created.body.id, name: "Grace", email: "grace@example.com" });
    const error = await system.monolith.bus.call("orders", GetUser, { user_id: "nobody" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("user_not_found");
  });
});
