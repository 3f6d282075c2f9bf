import { type Logger, silentLogger } from "../log/logger.ts";
import { MISSING_INTERNAL_TOKEN } from "../secrets.ts";
import { BullmqEvents, type WorkerTimings } from "./bullmq/events.ts";
import { withFaults } from "./faults/layer.ts";
import type { FaultSpec } from "./faults/registry.ts";
import { HttpCalls } from "./http/calls.ts";
import { MemoryCalls } from "./memory/calls.ts";
import { MemoryEvents } from "./memory/events.ts";
import { type CallChannel, type DeliveryPolicy, type EventChannel, type Transport, transportOf } from "./transport.ts";

/** What a channel may need to know of the process it runs in; each channel takes what it uses. */
export interface ChannelSite {
  readonly delivery: DeliveryPolicy;
  /** Base URL of the process serving a module's calls (from the topology). */
  readonly addressOf?: (module: string) => string | undefined;
  readonly internalToken?: string;
  readonly redisUrl?: string;
  readonly queuePrefix?: string;
  readonly worker?: WorkerTimings;
  /** The process's name among the instances of its modules (`orders-2`); unnamed, a name of its own. */
  readonly instance?: string;
  /** The process's logger; a channel a test builds on its own logs nowhere. */
  readonly log?: Logger;
}

const needs = <T>(value: T | undefined, problem: string): T => {
  if (value === undefined) throw new Error(problem);
  return value;
};

const DEFAULT_WORKER: WorkerTimings = { concurrency: 16, lockDurationMs: 30_000, stalledIntervalMs: 30_000 };

/** Every way calls can travel, by name. */
const callChannels = {
  memory: () => new MemoryCalls(),
  http: (site: ChannelSite) =>
    new HttpCalls(
      needs(site.addressOf, "http calls need the topology's addresses"),
      needs(site.internalToken, MISSING_INTERNAL_TOKEN),
      site.log ?? silentLogger(),
    ),
} satisfies Record<string, (site: ChannelSite) => CallChannel>;

/** Every way events can travel, by name. */
const eventChannels = {
  memory: (site: ChannelSite) => new MemoryEvents(site.delivery, site.log ?? silentLogger()),
  bullmq: (site: ChannelSite) =>
    new BullmqEvents(
      {
        url: needs(site.redisUrl, "BullMQ events need REDIS_URL (the split launcher starts a private Redis when it is unset)"),
        maxRetriesPerRequest: null,
      },
      site.queuePrefix ?? "twofold",
      site.delivery,
      site.worker ?? DEFAULT_WORKER,
      site.log ?? silentLogger(),
      site.instance ?? crypto.randomUUID().slice(0, 8),
    ),
} satisfies Record<string, (site: ChannelSite) => EventChannel>;

type CallChannelName = keyof typeof callChannels;
type EventChannelName = keyof typeof eventChannels;

export interface TransportChoice {
  readonly calls: CallChannelName;
  readonly events: EventChannelName;
}

/**
 * Named pairs of channels. `memory` is the monolith's, `wire` split's; `component` is a component test's: the
 * module under test on in-memory events, its calls to stubbed neighbours over real HTTP.
 */
export const transports = {
  memory: { calls: "memory", events: "memory" },
  wire: { calls: "http", events: "bullmq" },
  component: { calls: "http", events: "memory" },
} as const satisfies Record<string, TransportChoice>;

export type TransportName = keyof typeof transports;

/** Reads `calls+events` or a transport's name into a choice; unknown names are an error naming the known ones. */
export function transportChoice(written: string): TransportChoice {
  const named = (transports as Record<string, TransportChoice>)[written];
  if (named) return named;
  const [calls, events] = written.split("+");
  if (!calls || !events || !(calls in callChannels) || !(events in eventChannels)) {
    throw new Error(
      `transport "${written}" is none of ${Object.keys(transports).join(", ")} nor <calls>+<events> with calls ∈ {${Object.keys(callChannels)}} and events ∈ {${Object.keys(eventChannels)}}`,
    );
  }
  return { calls: calls as CallChannelName, events: events as EventChannelName };
}

/** The transport of a choice, under the fault layer when faults are given or may be added at run time (`adjustable`). */
export function createTransport(
  choice: TransportChoice,
  site: ChannelSite,
  faults: readonly FaultSpec[] = [],
  seed = 1,
  adjustable = false,
  supervised = false,
): Transport {
  const transport = transportOf(callChannels[choice.calls](site), eventChannels[choice.events](site));
  return withFaults(transport, faults, seed, adjustable, { supervised });
}
