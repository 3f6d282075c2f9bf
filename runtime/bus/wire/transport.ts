import type { ConnectionOptions } from "bullmq";
import type { Hono } from "hono";
import type { Envelope } from "../../../contracts/envelope.ts";
import type { Faults } from "../faults.ts";
import type { CallReceiver, DeadLetter, DeliveryPolicy, EventReceiver, Transport, TransportActivity } from "../transport.ts";
import { WireCalls } from "./calls.ts";
import { WireEvents, type WorkerTimings } from "./events.ts";

export interface WireOptions {
  readonly redis: ConnectionOptions;
  readonly queuePrefix: string;
  readonly policy: DeliveryPolicy;
  readonly timings: WorkerTimings;
  /** Base URL of the service hosting a module, from the topology. */
  readonly addressOf: (module: string) => string | undefined;
  readonly internalToken: string;
  readonly faults?: Faults;
  readonly seed?: number;
}

/** The split topology's transport: calls are HTTP requests between services, events are BullMQ jobs on Redis. */
export class WireTransport implements Transport {
  readonly kind = "wire";
  private readonly calls: WireCalls;
  private readonly events: WireEvents;

  constructor(options: WireOptions) {
    this.calls = new WireCalls(options.addressOf, options.internalToken, options.faults);
    this.events = new WireEvents(options.redis, options.queuePrefix, options.policy, options.timings, options.faults?.duplicateRate, options.seed);
  }

  request(target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> {
    return this.calls.request(target, envelope, timeoutMs);
  }

  dispatch(envelope: Envelope, subscribers: readonly string[], options?: { redelivery?: string }): Promise<void> {
    return this.events.dispatch(envelope, subscribers, options?.redelivery);
  }

  answer(module: string, receiver: CallReceiver): void {
    this.calls.answer(module, receiver);
  }

  consume(module: string, receiver: EventReceiver): void {
    this.events.consume(module, receiver);
  }

  /** The internal call endpoint; a service process mounts it beside its public routes. */
  routes(): Hono {
    return this.calls.routes();
  }

  start(): Promise<void> {
    return this.events.start();
  }

  stop(): Promise<void> {
    return this.events.stop();
  }

  healthy(): Promise<boolean> {
    return this.events.healthy();
  }

  async activity(): Promise<TransportActivity> {
    return { callsInFlight: this.calls.inFlight, deliveriesPending: await this.events.pending() };
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.events.deadLetters();
  }
}
