import type { Hono } from "hono";
import type { Envelope } from "../../contracts/envelope.ts";
import { MemoryTransport } from "../../runtime/bus/memory/transport.ts";
import type { CallReceiver, DeliveryPolicy, TransportActivity } from "../../runtime/bus/transport.ts";
import { WireCalls } from "../../runtime/bus/wire/calls.ts";

/**
 * The transport of a component test: the module under test runs in this process with its events delivered in
 * memory, as in the monolith, but every call it makes to another module leaves the process over real HTTP,
 * to the stub server standing in for that module.
 */
export class ComponentTransport extends MemoryTransport {
  override readonly kind = "component";
  private readonly remote: WireCalls;

  constructor(stubsUrl: string, policy: DeliveryPolicy) {
    super(policy);
    this.remote = new WireCalls(() => stubsUrl, "component");
  }

  /** The module's own call endpoint, for a test that calls the component the way a neighbour service would. */
  routes(): Hono {
    return this.remote.routes();
  }

  override request(target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> {
    return this.remote.request(target, envelope, timeoutMs);
  }

  override answer(module: string, receiver: CallReceiver): void {
    this.remote.answer(module, receiver);
  }

  override async activity(): Promise<TransportActivity> {
    return { callsInFlight: this.remote.inFlight, deliveriesPending: this.events.pending };
  }
}
