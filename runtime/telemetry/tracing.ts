import type { MiddlewareHandler } from "hono";
import type { Envelope } from "../../contracts/envelope.ts";

/** A request's or message's W3C trace context, as the `traceparent` and `tracestate` headers write it. */
export interface TraceCarrier {
  readonly traceparent: string;
  readonly tracestate?: string;
}

/** What an outgoing HTTP request is, for its client span. */
interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
}

/**
 * What the runtime traces, in its own words: the one seam between the bus, the HTTP shell, the gateway and the
 * database on one side and OpenTelemetry on the other (runtime/telemetry/otel.ts). A process without an
 * OTLP endpoint has none, and every caller skips it with one check: no span, no context, no allocation.
 * Each method runs `work` in a new span, active while it runs (what it causes becomes its child), ended and
 * failed (by what it throws) when it settles.
 */
export interface Tracing {
  /** Middleware: the server span of a request, child of the `traceparent` it came with, which its response carries back. */
  readonly server: MiddlewareHandler;
  /** The gateway's hop: a client span, whose context replaces the client's in the forwarded `headers`. */
  outgoing(request: OutgoingRequest, headers: Headers, work: () => Promise<Response>): Promise<Response>;
  /** A call from one module to another, in the caller: the call's envelope is made inside it, so it carries its context. */
  call<T>(from: string, to: string, name: string, work: () => Promise<T>): Promise<T>;
  /** A call answered, in the callee: child of the caller's span the envelope names. */
  answer<T>(envelope: Envelope, module: string, work: () => Promise<T>): Promise<T>;
  /** An event handed to the transport: child of the context its outbox row kept; `work` sends it carrying this span's. */
  publish<T>(envelope: Envelope, subscribers: readonly string[], work: (sent: Envelope) => Promise<T>): Promise<T>;
  /** One delivery attempt of an event to one subscriber: child of its publish. */
  deliver<T>(envelope: Envelope, subscriber: string, attempt: number, work: () => Promise<T>): Promise<T>;
  /** One database transaction of a module (a span per transaction, not per statement). */
  transaction<T>(module: string, readOnly: boolean, work: () => Promise<T>): Promise<T>;
  /** The active span's context, to stamp on an envelope made now; undefined outside any span. */
  carrier(): TraceCarrier | undefined;
  /** Exports the spans still batched, then stops exporting. */
  shutdown(): Promise<void>;
}
