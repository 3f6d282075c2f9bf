import type { Server } from "bun";
import { SERVER_IDLE_TIMEOUT_S } from "../../http/idle.ts";
import { freePort } from "../../infra/ports.ts";
import { everyInstance } from "../broadcast.ts";
import { Bus, type CallHandler, type EventHandler } from "../bus.ts";
import { createCatalog } from "../catalog.ts";
import type { FaultSpec } from "../faults/registry.ts";
import type { BusObserver } from "../observer.ts";
import type { ResilienceSettings } from "../resilience/settings.ts";
import { createTransport, type TransportChoice } from "../transports.ts";
import { conformanceCalls, conformanceEvents, Shouted } from "./contracts.ts";

/** Which module answers or consumes what in the conformance suite: echo answers, a and b subscribe. */
export interface Hosted {
  readonly calls: ReadonlyMap<string, ReadonlyMap<string, CallHandler>>;
  readonly events: ReadonlyMap<string, ReadonlyMap<string, EventHandler>>;
  /** Subscribers every process hosts (c and d), each process's made for it by its name: a replicated module. */
  readonly everywhere?: (instance: string) => ReadonlyMap<string, ReadonlyMap<string, EventHandler>>;
}

export interface Deployment {
  /** The bus of the process hosting `module`. */
  busOf(module: string): Bus;
  /** Every process's bus, by the process's name. */
  readonly processes: ReadonlyMap<string, Bus>;
  stop(): Promise<void>;
}

export interface DeployOptions {
  readonly redisUrl?: string;
  readonly faults?: readonly FaultSpec[];
  readonly seed?: number;
  readonly resilience?: ResilienceSettings;
  /** Sees what every process's bus does. */
  readonly observer?: BusObserver;
}

const policy = { attempts: 3, backoffMs: 10 };
/** c hears ping.shouted in every process (a broadcast), d in one of them. */
const broadcasts = new Map([["c", new Set([Shouted.type])]]);
const routes = new Map([
  ["ping.sent", ["a", "b"]],
  [Shouted.type, [everyInstance("c"), "d"]],
]);
const subscribersOf = (type: string) => routes.get(type) ?? [];
const catalog = createCatalog(conformanceCalls, conformanceEvents);
const ALL = ["echo", "pinger", "a", "b"];

/**
 * The modules on a transport. When both channels cross processes, two processes that share nothing but the
 * wire: one hosts echo and b, the other pinger and a, both c and d (calls over real HTTP, events on a real Redis). A channel
 * that lives in one process's memory cannot reach another, so then every module is in one process.
 */
export async function deploy(choice: TransportChoice, hosted: Hosted, options: DeployOptions = {}): Promise<Deployment> {
  const servers: Server<unknown>[] = [];
  // ghost's address is a port nobody listens on: a service that is down.
  const urls = new Map<string, string>([["ghost", `http://127.0.0.1:${freePort()}`]]);
  const site = {
    delivery: policy,
    addressOf: (module: string) => urls.get(module),
    internalToken: "conformance-internal-token",
    redisUrl: options.redisUrl,
    queuePrefix: `conf-${crypto.randomUUID().slice(0, 8)}`,
    worker: { concurrency: 4, lockDurationMs: 5000, stalledIntervalMs: 5000 },
  };
  const process = (name: string, modules: readonly string[]) => {
    const transport = createTransport(choice, { ...site, instance: name }, options.faults, options.seed);
    const bus = new Bus({ catalog, transport, subscribersOf, callTimeoutMs: 500, resilience: options.resilience, observer: options.observer });
    for (const module of modules) {
      const calls = hosted.calls.get(module);
      const events = hosted.events.get(module);
      if (calls) bus.answer(module, calls);
      if (events) bus.consume(module, events);
    }
    for (const [module, events] of hosted.everywhere?.(name) ?? []) bus.consume(module, events, broadcasts.get(module));
    const routes = transport.routes();
    if (routes) {
      const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: SERVER_IDLE_TIMEOUT_S, fetch: routes.fetch });
      servers.push(server);
      for (const module of modules) urls.set(module, `http://127.0.0.1:${server.port}`);
    }
    return { name, modules, bus };
  };
  const inOneProcess = choice.calls === "memory" || choice.events === "memory";
  const processes = inOneProcess ? [process("one", ALL)] : [process("one", ["echo", "b"]), process("two", ["pinger", "a"])];
  await Promise.all(processes.map((p) => p.bus.transport.start()));
  return {
    busOf: (module) => (processes.find((p) => p.modules.includes(module)) ?? (processes[0] as (typeof processes)[number])).bus,
    processes: new Map(processes.map((p) => [p.name, p.bus])),
    async stop() {
      await Promise.all(processes.map((p) => p.bus.transport.stop()));
      for (const server of servers) server.stop(true);
    },
  };
}
