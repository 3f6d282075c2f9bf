import type { Envelope } from "../../../contracts/envelope.ts";
import type { CallReceiver, DeadLetter, DeliveryPolicy, EventReceiver, InlineDispatch, Transport, TransportActivity } from "../transport.ts";
import { MemoryCalls } from "./calls.ts";
import { MemoryEvents } from "./events.ts";
import type { StrictOptions } from "./strict.ts";

/**
 * The monolith's transport: every module in one process, calls dispatched and events delivered in memory.
 * As a modular monolith does, it runs subscribers right after the publishing transaction commits (inline).
 * Strict mode (the `monolith-strict` profile) behaves like the wire instead: copies, delays, duplicates.
 */
export class MemoryTransport implements Transport {
  readonly kind: string = "memory";
  private readonly calls: MemoryCalls;
  protected readonly events: MemoryEvents;
  readonly dispatchInline?: (envelope: Envelope, subscribers: readonly string[]) => Promise<InlineDispatch>;

  constructor(policy: DeliveryPolicy, strict?: StrictOptions) {
    this.calls = new MemoryCalls(strict !== undefined);
    this.events = new MemoryEvents(policy, strict);
    if (!strict) this.dispatchInline = (envelope, subscribers) => this.events.dispatchInline(envelope, subscribers);
  }

  request(target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> {
    return this.calls.request(target, envelope, timeoutMs);
  }

  dispatch(envelope: Envelope, subscribers: readonly string[], _options?: { redelivery?: string }): Promise<void> {
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
