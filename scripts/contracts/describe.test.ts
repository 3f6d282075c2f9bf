import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { describeModule, describeSystem } from "./describe.ts";
import { fixture } from "./fixtures/systems.ts";

describe("describeModule", () => {
  it("describes what a module provides and what it consumes, as plain JSON", () => {
    const orders = describeModule(fixture("orders", "1.1.0"));
    expect(orders).toMatchObject({ name: "orders", version: "1.1.0", calls: [], events: [] });
    expect(orders.consumes).toEqual([
      {
        kind: "call",
        provider: "users",
        name: "users.get",
        version: 1,
        understands: [1],
        reads: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" } },
        past: [],
        interactions: [
          {
            description: "an existing user",
            given: { name: "a user exists", params: { user_id: "u-1" } },
            request: { user_id: "u-1" },
            respond: { reply: { id: "u-1", name: "Ada Lovelace", email: "ada@example.com" } },
          },
          { description: "an unknown user", given: { name: "no user u-404" }, request: { user_id: "u-404" }, respond: { error: "user_not_found" } },
        ],
      },
    ]);
  });

  it("records a call's versions and past replies, and the versions a consumer understands", () => {
    const users = describeModule(fixture("users", "4.0.0"));
    expect(users.calls[0]).toMatchObject({
      name: "users.get",
      version: 2,
      required: ["user_id"],
      errors: ["user_not_found"],
      pastReplies: [{ version: 1, fields: { id: { type: "string" }, name: { type: "string" } } }],
    });
    expect(users.calls[0]?.reply).toMatchObject({ "full_name.first": { type: "string" } });
    expect(describeModule(fixture("orders", "2.0.0")).consumes[0]).toMatchObject({ version: 2, understands: [2, 1] });
  });
});

describe("describeSystem on the shop", () => {
  const description = describeSystem(shop);

  it("describes every module with every call it owns and event it publishes", () => {
    expect(description.modules.map((m) => m.name)).toEqual(shop.modules.map((m) => m.name));
    expect(description.modules.flatMap((m) => m.calls.map((c) => c.name)).sort()).toEqual(shop.calls.map((c) => c.name).sort());
    expect(description.modules.flatMap((m) => m.events.map((e) => e.type)).sort()).toEqual(shop.events.map((e) => e.type).sort());
  });

  it("survives a JSON round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });
});
