import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { defineCall, defineEvent } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";
import { Bus } from "./bus.ts";
import { createCatalog } from "./catalog.ts";
import { createTransport, transports } from "./transports.ts";

const Lookup = defineCall({ name: "profiles.lookup", owner: "profiles", request: v.object({}), reply: v.object({ user_id: v.unknown() }) });
const Moved = defineEvent({ type: "profiles.moved", owner: "profiles", payload: v.object({ user_id: v.unknown() }) });
/** The consumer's side: it reads user_id as a string, whatever the provider's loose schema allows. */
const reads = v.object({ user_id: v.string() });

const busAnswering = (userId: unknown) => {
  const transport = createTransport(transports.memory, { delivery: { attempts: 1, backoffMs: 1 } });
  const bus = new Bus({
    catalog: createCatalog([Lookup], [Moved]),
    transport,
    subscribersOf: () => ["billing"],
    callTimeoutMs: 500,
    reads: (consumer) => (consumer === "billing" ? reads : undefined),
  });
  bus.answer("profiles", new Map([[Lookup.name, async () => ({ user_id: userId })]]));
  const handled: unknown[] = [];
  bus.consume("billing", new Map([[Moved.type, async (payload) => void handled.push(payload)]]));
  return { bus, transport, handled };
};

describe("what a consumer reads is checked at the boundary", () => {
  it("turns a reply without what the consumer reads into a contract violation naming consumer and field", async () => {
    const { bus } = busAnswering(42);
    const error = await bus.call("billing", Lookup, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("contract_violation");
    expect((error as AppError).message).toMatch(
      /profiles\.lookup reply violates its contract \(what billing reads\) on receive: user_id: Invalid type/,
    );
  });

  it("never hands a handler an event without what it reads: the delivery is dead-lettered, visibly", async () => {
    const { bus, transport, handled } = busAnswering("u-1");
    await bus.dispatch(bus.event("profiles", Moved, { user_id: 7 }));
    expect(handled).toEqual([]);
    const [letter] = await transport.deadLetters();
    expect(letter?.subscriber).toBe("billing");
    expect(letter?.error).toMatch(/what billing reads.*user_id/);
  });

  it("lets through what the consumer can read", async () => {
    const { bus, handled } = busAnswering("u-1");
    expect(await bus.call("billing", Lookup, {})).toEqual({ user_id: "u-1" });
    await bus.dispatch(bus.event("profiles", Moved, { user_id: "u-2" }));
    expect(handled).toEqual([{ user_id: "u-2" }]);
  });
});
