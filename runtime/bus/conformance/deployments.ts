import type { Server } from "bun";
import { Hono } from "hono";
import { freePort } from "../../infra/ports.ts";
import { createCatalog } from "../catalog.ts";
import { Bus, type CallHandler, type EventHandler } from "../bus.ts";
import type { Faults } from "../faults.ts";
import type { StrictOptions } from "../memory/strict.ts";
import { MemoryTransport } from "../memory/transport.ts";
import { WireTransport } from "../wire/transport.ts";
import { conformanceCalls, conformanceEvents } from "./contracts.ts";

/** Which module answers or consumes what in the conformance suite: echo answers, a and b subscribe. */
export interface Hosted {
  readonly calls: ReadonlyMap<string, ReadonlyMap<string, CallHandler>>;
  readonly events: ReadonlyMap<string, ReadonlyMap<string, EventHandler>>;
}

export interface Deployment {
  /** The bus of the process hosting `module`. */
  busOf(module: string): Bus;
  stop(): Promise<void>;
}

const policy = { attempts: 3, backoffMs: 10 };
const subscribersOf = (type: string) => (type === "ping.sent" ? ["a", "b"] : []);
const catalog = createCatalog(conformanceCalls, conformanceEvents);

function host(bus: Bus, hosted: Hosted, modules: readonly string[]): void {
  for (const module of modules) {
    const calls = hosted.calls.get(module);
    const events = hosted.events.get(module);
    if (calls) bus.answer(module, calls);
    if (events) bus.consume(module, events);
  }
}

/** Every module in one process on the in-memory transport (in strict mode when given strict options). */
export async function memoryDeployment(hosted: Hosted, strict?: StrictOptions): Promise<Deployment> {
  const bus = new Bus({ catalog, transport: new MemoryTransport(policy, strict), subscribersOf, callTimeoutMs: 500 });
  host(bus, hosted, ["echo", "pinger", "a", "b"]);
  await bus.transport.start();
  return { busOf: () => bus, stop: () => bus.transport.stop() };
}

/**
 * Two services that share nothing but the wire: one hosts echo and b, the other pinger and a. Calls are HTTP
 * between two real servers, events are BullMQ jobs on a real Redis.
 */
export async function wireDeployment(hosted: Hosted, redisUrl: string, faults?: Faults): Promise<Deployment> {
  const servers: Server<unknown>[] = [];
  // ghost's address is a port nobody listens on: a service that is down.
  const urls = new Map<string, string>([["ghost", `http://127.0.0.1:${freePort()}`]]);
  const prefix = `conf-${crypto.randomUUID().slice(0, 8)}`;
  const makeService = (modules: readonly string[]) => {
    const transport = new WireTransport({
      redis: { url: redisUrl, maxRetriesPerRequest: null },
      queuePrefix: prefix,
      policy,
      timings: { concurrency: 4, lockDurationMs: 5000, stalledIntervalMs: 5000 },
      addressOf: (module) => urls.get(module),
      internalToken: "conformance",
      faults,
    });
    const bus = new Bus({ catalog, transport, subscribersOf, callTimeoutMs: 500 });
    host(bus, hosted, modules);
    const app = new Hono().route("/", transport.routes());
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch });
    servers.push(server);
    for (const module of modules) urls.set(module, `http://127.0.0.1:${server.port}`);
    return bus;
  };
  const left = makeService(["echo", "b"]);
  const right = makeService(["pinger", "a"]);
  await Promise.all([left.transport.start(), right.transport.start()]);
  return {
    busOf: (module) => (["echo", "b"].includes(module) ? left : right),
    async stop() {
      await Promise.all([left.transport.stop(), right.transport.stop()]);
      for (const server of servers) server.stop(true);
    },
  };
}
