import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { describeSystem } from "./describe.ts";
import { systemWithUsers } from "./fixtures/systems.ts";
import { pactFiles } from "./pact.ts";
import { AsynchronousMessages, PactV4File, SynchronousHttp } from "./pact-v4.ts";

const files = pactFiles(
  describeSystem(
    systemWithUsers("1.1.0", [
      ["cart", "1.0.0"],
      ["orders", "1.1.0"],
      ["notifications", "1.0.0"],
    ]),
  ),
);
const pactOf = (file: string) => {
  const found = files.find((f) => f.file === file);
  if (!found) throw new Error(`no ${file} among ${files.map((f) => f.file).join(", ")}`);
  return found.pact;
};
const interaction = (file: string, description: string) => {
  const found = pactOf(file).interactions.find((i) => i.description === description);
  if (!found) throw new Error(`no interaction ${description} in ${file}`);
  return found;
};

describe("pactFiles", () => {
  it("writes one Pact V4 file per consumer–provider pair", () => {
    expect(files.map((f) => f.file)).toEqual(["cart-users.json", "orders-users.json", "notifications-users.json"]);
    for (const { pact } of files) {
      expect(v.is(PactV4File, pact)).toBe(true);
      expect(pact.metadata.pactSpecification.version).toBe("4.0");
    }
    expect(pactOf("orders-users.json")).toMatchObject({
      consumer: { name: "orders" },
      provider: { name: "users" },
      metadata: { twofold: { consumerVersion: "1.1.0", providerVersion: "1.1.0" } },
    });
  });

  it("makes a call a synchronous HTTP interaction: the envelope POSTed to the provider's call endpoint, the reply cut to what the consumer reads", () => {
    const call = v.parse(SynchronousHttp, interaction("cart-users.json", "users.authenticate: a live session"));
    expect(call.providerStates).toEqual([{ name: "a session exists", params: { token: "tok-1" } }]);
    expect(call.request).toMatchObject({
      method: "POST",
      path: "/internal/calls/users",
      body: { content: { type: "users.authenticate", version: 1, source: "cart", payload: { token: "tok-1" } } },
    });
    // `type` is matched exactly; only the envelope's volatile fields by type or format.
    expect(Object.keys(call.request.matchingRules?.body ?? {})).toEqual(["$.id", "$.correlationId", "$.occurredAt"]);
    expect(call.response.status).toBe(200);
    expect(call.response.body?.content).toMatchObject({ type: "users.authenticate.reply", payload: { user_id: "u-1" } });
    expect((call.response.body?.content as { payload: object } | undefined)?.payload).toEqual({ user_id: "u-1" });
    expect(call.response.matchingRules?.body?.["$.payload.user_id"]).toEqual({ combine: "AND", matchers: [{ match: "type" }] });
  });

  it("answers an expected error with the error code's status and body", () => {
    const call = v.parse(SynchronousHttp, interaction("orders-users.json", "users.get: an unknown user"));
    expect(call.response).toMatchObject({ status: 404, body: { content: { error: { code: "user_not_found" } } } });
  });

  it("makes an event an asynchronous message: the example payload with type matchers, metadata type and version", () => {
    const message = v.parse(AsynchronousMessages, interaction("notifications-users.json", "user.created: a user registers"));
    expect(message.contents.content).toEqual({ user_id: "u-1", email: "ada@example.com" });
    expect(message.metadata).toEqual({ type: "user.created", version: 1 });
    expect(Object.keys(message.matchingRules?.body ?? {})).toEqual(["$.user_id", "$.email"]);
    expect(message.providerStates).toEqual([{ name: "a user registers", params: { email: "ada@example.com" } }]);
  });

  it("exports every consumer contract of the shop as valid Pact V4", () => {
    const shopFiles = pactFiles(describeSystem(shop));
    const consumers = shop.modules.filter((m) => (m.consumes?.uses.length ?? 0) > 0).map((m) => m.name);
    expect(new Set(shopFiles.map((f) => f.pact.consumer.name))).toEqual(new Set(consumers));
    for (const { file, pact } of shopFiles) {
      expect(v.safeParse(PactV4File, pact).issues, file).toBeUndefined();
      expect(new Set(pact.interactions.map((i) => i.description)).size, file).toBe(pact.interactions.length);
    }
  });
});
