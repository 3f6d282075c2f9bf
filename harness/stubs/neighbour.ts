import type { CallContract, CallReply, CallRequest } from "../../contracts/define.ts";
import { everyCall, everyEvent } from "../../modules/index.ts";
import { Bus } from "../../runtime/bus/bus.ts";
import { createCatalog } from "../../runtime/bus/catalog.ts";
import { createTransport, transports } from "../../runtime/bus/transports.ts";
import { SERVER_IDLE_TIMEOUT_S } from "../../runtime/http/idle.ts";
import type { Component } from "./component.ts";

/** Another module, as far as the component under test can tell: it calls the component's own calls. */
export interface Neighbour {
  /** Rejects with the component's error (its code, as it crossed the wire), or call_timeout after `timeoutMs`. */
  call<C extends CallContract>(contract: C, request: CallRequest<C>, options?: { timeoutMs?: number }): Promise<CallReply<C>>;
  stop(): void;
}

/**
 * A neighbour calling the module under test the way another service does when split: the call's envelope
 * POSTed over real HTTP to the module's internal call endpoint, answered by its real handler and database,
 * request and reply checked against the call's contract on both sides.
 */
export function neighbourOf(component: Component, name = "neighbour"): Neighbour {
  const routes = component.transport.routes();
  if (!routes) throw new Error("the component's transport serves no call endpoint");
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: SERVER_IDLE_TIMEOUT_S, fetch: routes.fetch });
  const bus = new Bus({
    catalog: createCatalog(everyCall, everyEvent),
    transport: createTransport(transports.component, {
      delivery: { attempts: 1, backoffMs: 1 },
      addressOf: () => `http://127.0.0.1:${server.port}`,
      internalToken: component.internalToken,
    }),
    subscribersOf: () => [],
    callTimeoutMs: 10_000,
  });
  return {
    call: (contract, request, options) => bus.call(name, contract, request, options),
    stop: () => void server.stop(true),
  };
}
