import type { Hono } from "hono";
import type { Envelope } from "../../contracts/envelope.ts";

/** Answers a call envelope with a reply envelope, or throws an AppError (which becomes an error reply). */
export type CallReceiver = (envelope: Envelope) => Promise<Envelope>;

/** Handles one delivery of an event to one subscribing module; throwing asks for a retry. */
export type EventReceiver = (envelope: Envelope, delivery: { attempt: number }) => Promise<void>;

/** A delivery that ran out of attempts (or was rejected outright), kept for inspection. */
export interface DeadLetter {
  readonly subscriber: string;
  readonly envelope: Envelope;
  readonly attempts: number;
  readonly error: string;
  readonly failedAt: string;
}

/** Work a transport has accepted but not finished; zero everywhere means this transport is idle. */
interface TransportActivity {
  readonly callsInFlight: number;
  readonly deliveriesPending: number;
}

/** An inline dispatch: the first attempts have run; `settled` says when every delivery is done. */
export interface InlineDispatch {
  readonly settled: Promise<void>;
}

/** How events are retried; the same knobs drive BullMQ and the in-memory queues. */
export interface DeliveryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
}

/**
 * `redelivery` marks a deliberate further delivery of an event already dispatched (an injected duplicate, the
 * harness's redeliver): a durable channel must not take it for the first one and drop it.
 */
export interface DispatchOptions {
  readonly redelivery?: string;
}

export type SendCall = (target: string, envelope: Envelope, timeoutMs: number) => Promise<Envelope>;
export type Dispatch = (envelope: Envelope, subscribers: readonly string[], options?: DispatchOptions) => Promise<void>;

/** How calls travel: request/reply to the module that owns a call. */
export interface CallChannel {
  readonly request: SendCall;
  /** Serves calls addressed to a module hosted by this process. */
  answer(module: string, receiver: CallReceiver): void;
  /** Calls sent and not yet answered, plus handlers still running. */
  inFlight(): number;
  /** Endpoints the hosting process must serve for this channel (HTTP calls' internal endpoint). */
  routes?(): Hono;
}

/** How events travel: fan-out to every subscribing module, at least once, with retries and dead letters. */
export interface EventChannel {
  /** Hands an event to every subscriber; resolves once the deliveries are durably accepted. */
  readonly dispatch: Dispatch;
  /**
   * Present when the channel can deliver inline (the plain monolith): runs the subscribers now and resolves
   * once each has had its first attempt, so the publisher's commit returns after its handlers ran.
   */
  readonly dispatchInline?: (envelope: Envelope, subscribers: readonly string[]) => Promise<InlineDispatch | undefined>;
  /** Consumes events addressed to a module hosted by this process. */
  consume(module: string, receiver: EventReceiver): void;
  start(): Promise<void>;
  /** Stops taking new work and waits for in-flight work to finish. */
  stop(): Promise<void>;
  /** Deliveries accepted and not yet finished, in the queues this process consumes. */
  pending(): Promise<number>;
  deadLetters(): Promise<DeadLetter[]>;
  /** What the channel depends on, each answering or not (readiness). */
  health(): Promise<Record<string, boolean>>;
  /**
   * Present when events wait in queues an operator can inspect (BullMQ's, in Bull Board): a dashboard of the
   * given subscribers' queues, its routes under `basePath`. The edge serves it behind the operator key.
   */
  readonly dashboard?: (subscribers: readonly string[], basePath: string) => Hono;
}

/**
 * The seam between the bus and the wire: a call channel and an event channel, chosen separately by name
 * (runtime/bus/transports.ts). Every pair passes one conformance suite; the bus above it (validation,
 * envelopes, context) is the same code in every topology.
 */
export interface Transport {
  readonly calls: CallChannel;
  readonly events: EventChannel;
  readonly request: SendCall;
  readonly dispatch: Dispatch;
  readonly dispatchInline?: EventChannel["dispatchInline"];
  readonly dashboard?: EventChannel["dashboard"];
  answer(module: string, receiver: CallReceiver): void;
  consume(module: string, receiver: EventReceiver): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  activity(): Promise<TransportActivity>;
  deadLetters(): Promise<DeadLetter[]>;
  health(): Promise<Record<string, boolean>>;
  /** Every endpoint the hosting process must serve for this transport. */
  routes(): Hono | undefined;
  /** Present when faults can be added while the process runs (the harness's): see faults/layer.ts. */
  readonly faults?: FaultControl;
  /** Under the fault layer: how far the clock `module` reads is off (a `clock:` fault), 0 without one. */
  readonly clockOffsetMs?: (module: string) => number;
  /**
   * Under the fault layer: told as `module` is about to commit its handling of `handled` (its effect and inbox
   * row written, `flush` sends them), for a crash point between the writes and the commit.
   */
  readonly beforeCommit?: (module: string, handled: Envelope, flush: () => Promise<void>) => Promise<void>;
}

/**
 * The faults a process runs with while it runs, in their written form (runtime/bus/faults/): its own (its
 * settings, its profile's preset) and those the harness adds for one check or one step, which replace own ones
 * of the same key. Written, not typed, so that the transport seam needs nothing of the fault layer.
 */
export interface FaultControl {
  /** The faults in force now. */
  current(): string;
  /** Replaces the faults added at run time ("" removes them); the process's own stay. Throws on a spec it cannot read. */
  add(written: string): void;
}

/** The transport made of one call channel and one event channel. */
export function transportOf(calls: CallChannel, events: EventChannel): Transport {
  return {
    calls,
    events,
    request: (target, envelope, timeoutMs) => calls.request(target, envelope, timeoutMs),
    dispatch: (envelope, subscribers, options) => events.dispatch(envelope, subscribers, options),
    dispatchInline:
      events.dispatchInline && ((envelope, subscribers) => events.dispatchInline?.(envelope, subscribers) as Promise<InlineDispatch | undefined>),
    dashboard: events.dashboard,
    answer: (module, receiver) => calls.answer(module, receiver),
    consume: (module, receiver) => events.consume(module, receiver),
    start: () => events.start(),
    stop: () => events.stop(),
    activity: async () => ({ callsInFlight: calls.inFlight(), deliveriesPending: await events.pending() }),
    deadLetters: () => events.deadLetters(),
    health: () => events.health(),
    routes: () => calls.routes?.(),
  };
}
