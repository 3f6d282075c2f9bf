import * as v from "valibot";

/**
 * Every message on the bus travels in an envelope. The same shape crosses the in-memory bus, HTTP calls and
 * BullMQ jobs, so traces and idempotency work the same in every topology.
 */
export const Envelope = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  type: v.pipe(v.string(), v.minLength(1)),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  occurredAt: v.pipe(v.string(), v.isoTimestamp()),
  correlationId: v.pipe(v.string(), v.minLength(1)),
  causationId: v.nullable(v.string()),
  /** The module that sent the message; kept for traces and dead-letter inspection. */
  source: v.string(),
  /**
   * The conversation is a synthetic transaction (runtime/http/synthetic.ts): modules treat it as real but tell
   * nobody and count it in no business figure. Carried like the correlation id; absent on real traffic.
   */
  synthetic: v.optional(v.literal(true)),
  payload: v.unknown(),
  /**
   * The W3C trace context of the work that sent it (`traceparent`, `tracestate`), present only where the sender
   * traces (runtime/telemetry/): an outbox row keeps it, so a delivery joins the trace of the request that
   * published. Optional, so envelopes of senders that trace nothing, or of older peers, stay valid.
   */
  traceparent: v.optional(v.pipe(v.string(), v.maxLength(128))),
  tracestate: v.optional(v.pipe(v.string(), v.maxLength(1024))),
});

export type Envelope = v.InferOutput<typeof Envelope>;

/**
 * A call's envelope also says how long its caller still waits for the answer, as sent: the receiver runs the
 * handler with its own clock's now plus this as the deadline, so the calls the handler makes wait no longer.
 * Time left, not an instant (as gRPC's grpc-timeout): no two processes' clocks need agree. Optional, so an
 * envelope from a caller that sends none is still valid; its handler then runs without a deadline.
 */
export const CallEnvelope = v.object({ ...Envelope.entries, timeLeftMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) });

export type CallEnvelope = v.InferOutput<typeof CallEnvelope>;
