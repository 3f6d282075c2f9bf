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
export interface TransportActivity {
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
 * The seam between the bus and the wire. The in-memory transport and the HTTP + BullMQ transport implement
 * it file for file and pass one conformance suite; the bus above it (validation, envelopes, context) is the
 * same code in every topology.
 */
export interface Transport {
  readonly kind: string;
  /** Sends a call to the module that owns it and resolves with its reply envelope. */
  request(target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope>;
  /**
   * Hands an event to every subscriber; resolves once the deliveries are durably accepted. `redelivery`
   * (the harness only) marks a deliberate second delivery of an event already dispatched.
   */
  dispatch(envelope: Envelope, subscribers: readonly string[], options?: { redelivery?: string }): Promise<void>;
  /**
   * Present when the transport delivers inline (the plain monolith): runs the subscribers now and resolves
   * once each has had its first attempt, so the publisher's commit returns after its handlers ran.
   */
  readonly dispatchInline?: (envelope: Envelope, subscribers: readonly string[]) => Promise<InlineDispatch>;
  /** Serves calls addressed to a module hosted by this process. */
  answer(module: string, receiver: CallReceiver): void;
  /** Consumes events addressed to a module hosted by this process. */
  consume(module: string, receiver: EventReceiver): void;
  start(): Promise<void>;
  /** Stops taking new work and waits for in-flight work to finish. */
  stop(): Promise<void>;
  activity(): Promise<TransportActivity>;
  deadLetters(): Promise<DeadLetter[]>;
}
