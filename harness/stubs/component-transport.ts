import type { Hono } from "hono";
import type { Envelope } from "../../contracts/envelope.ts";
import { MemoryEvents } from "../../runtime/bus/memory/events.ts";
import type { CallReceiver, DeadLetter, DeliveryPolicy, EventReceiver, InlineDispatch, Transport, TransportActivity } from "../../runtime/bus/transport.ts";
import { WireCalls } from "../../runtime/bus/wire/calls.ts";

/**
 * The transport of a component test: the module under test runs in this process (its events delivered in
 * memory, as in the monolith), and every call it makes to another module leaves the process over real HTTP,
 * to the stub server standing in for that module.
 */
export class ComponentTransport implements Transport {
  readonly kind = "component";
  private readonly calls: WireCalls;
  private readonly events: MemoryEvents;
  readonly dispatchInline: (envelope: Envelope, subscribers: readonly string[]) => Promise<InlineDispatch>;

  constructor(stubsUrl: string, policy: DeliveryPolicy) {
    this.calls = new WireCalls(() => stubsUrl, "component");
    this.events = new MemoryEvents(policy);
    this.dispatchInline = (envelope, subscribers) => this.events.dispatchInline(envelope, subscribers);
  }

  /** The module's own call endpoint, for a test that calls the component the way a neighbour service would. */
  routes(): Hono {
    return this.calls.routes();
  }

  request(target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> {
    return this.calls.request(target, envelope, timeoutMs);
  }

  dispatch(envelope: Envelope, subscribers: readonly string[]): Promise<void> {
    return this.events.dispatch(envelope, subscribers);
  }

  answer(module: string, receiver: CallReceiver): void {
    this.calls.answer(module, receiver);
  }

  consume(module: string, receiver: EventReceiver): void {
    this.events.consume(module, receiver);
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.events.stop();
  }

  async activity(): Promise<TransportActivity> {
    return { callsInFlight: this.calls.inFlight, deliveriesPending: this.events.pending };
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return this.events.deadLetters();
  }
}
