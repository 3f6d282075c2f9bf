import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { UserCreated } from "../../contracts/users/events.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { notificationsModule } from "./module.ts";

describe("notifications module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [notificationsModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("stores one notification per event, even when the event arrives twice", async () => {
    const event = system.monolith.bus.event("users", UserCreated, {
      user_id: "user-1",
      name: "Ada",
      email: "ada@example.com",
      created_at: new Date().toISOString(),
    });
    await Promise.all([system.monolith.bus.dispatch(event), system.monolith.bus.dispatch(event)]);
    await system.monolith.bus.dispatch(event);
    const list = await system.client.http.get("/api/v1/notifications/user-1");
    expect(list.body).toMatchObject({ count: 1, notifications: [{ user_id: "user-1", kind: "welcome", message: "Welcome, Ada!" }] });
    expect(await system.client.sql("notifications", "select message_id from inbox where message_id = ?", [event.id])).toHaveLength(1);
  });

  it("lists nothing for someone without notifications", async () => {
    expect((await system.client.http.get("/api/v1/notifications/nobody")).body).toEqual({ count: 0, notifications: [] });
  });
});
