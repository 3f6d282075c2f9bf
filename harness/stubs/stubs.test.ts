import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { defineConsumer, usesCall } from "../../contracts/consumer.ts";
import { Bus } from "../../runtime/bus/bus.ts";
import { createCatalog } from "../../runtime/bus/catalog.ts";
import { Say } from "../../runtime/bus/conformance/contracts.ts";
import { createTransport, transports } from "../../runtime/bus/transports.ts";
import type { AppError } from "../../runtime/errors.ts";
import { stubHandlers } from "./stub-handlers.ts";
import { serveStubs } from "./stub-server.ts";

const contract = defineConsumer("tester", [
  usesCall(Say, {
    reads: v.object({ text: v.string() }),
    interactions: [
      {
        description: "a greeting is echoed",
        given: { name: "echo is up" },
        request: { text: "hello" },
        respond: { reply: { text: "hello", correlation_id: "c", causation_id: null } },
      },
      { description: "a missing text", given: { name: "echo is up" }, request: { text: "missing" }, respond: { error: "not_found" } },
    ],
  }),
]);

const busWith = (options: Parameters<typeof stubHandlers>[1] = {}) => {
  const stubs = serveStubs(stubHandlers(contract, options));
  const bus = new Bus({
    catalog: createCatalog([Say], []),
    transport: createTransport(transports.component, {
      delivery: { attempts: 1, backoffMs: 1 },
      addressOf: () => stubs.url,
      internalToken: "component-internal-token",
    }),
    subscribersOf: () => [],
    callTimeoutMs: 300,
  });
  servers.push(stubs);
  return bus;
};
const servers: { stop(): void }[] = [];
const failure = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

describe("stubs generated from a consumer contract", () => {
  afterAll(() => {
    for (const s of servers) s.stop();
  });

  it("answers an interaction's request with its example reply, over HTTP", async () => {
    expect(await busWith().call("tester", Say, { text: "hello" })).toEqual({ text: "hello", correlation_id: "c", causation_id: null });
  });

  it("answers the error an interaction declares, with its status", async () => {
    const error = await failure(busWith().call("tester", Say, { text: "missing" }));
    expect(error?.code).toBe("not_found");
  });

  it("refuses a request no interaction covers: a stub cannot invent answers", async () => {
    const error = await failure(busWith().call("tester", Say, { text: "something else" }));
    expect(error?.code).toBe("contract_violation");
    expect(error?.message).toContain("no interaction of tester's contract");
  });

  it("ignores the fields it is told to (generated ids), and can be slow enough to time out", async () => {
    expect(await busWith({ ignore: { "echo.say": ["text"] } }).call("tester", Say, { text: "anything" })).toMatchObject({ text: "hello" });
    const error = await failure(busWith({ slow: { "echo.say": 1000 } }).call("tester", Say, { text: "hello" }));
    expect(error?.code).toBe("call_timeout");
  });
});
