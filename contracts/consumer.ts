import type { AnySchema, CallContract, CallReply, CallRequest, EventContract, EventPayload } from "./define.ts";
import type { ErrorCode } from "./errors.ts";

/** A named situation the provider is put in before an interaction is replayed ("user u-1 exists"). */
export interface ProviderState {
  readonly name: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

/** One case of a call a consumer makes: in this state, this request gets this reply (or this error). */
export interface CallInteraction<C extends CallContract = CallContract> {
  readonly description: string;
  readonly given: ProviderState;
  readonly request: CallRequest<C>;
  /** A reply the provider gives in that state (it must also satisfy `reads`), or an error code the consumer handles. */
  readonly respond: { readonly reply: CallReply<C> } | { readonly error: ErrorCode };
}

/** One case of an event a consumer receives: the provider, in this state, publishes something like `example`. */
export interface EventInteraction<E extends EventContract = EventContract> {
  readonly description: string;
  /** The state that makes the provider publish the event. */
  readonly given: ProviderState;
  readonly example: EventPayload<E>;
}

/**
 * What a consumer relies on from one call: the fields of the reply it reads (a subset of the provider's
 * schema: a provider may add fields freely) and the cases it handles.
 */
export interface CallUse<C extends CallContract = CallContract> {
  readonly kind: "call";
  readonly contract: C;
  readonly reads: AnySchema;
  readonly interactions: readonly CallInteraction<C>[];
}

/** What a consumer relies on from one event: the payload fields it reads and the cases it handles. */
export interface EventUse<E extends EventContract = EventContract> {
  readonly kind: "event";
  readonly contract: E;
  readonly reads: AnySchema;
  readonly interactions: readonly EventInteraction<E>[];
}

export type Use = CallUse | EventUse;

/** Everything one module relies on from the others, declared next to its code. */
export interface ConsumerContract {
  readonly consumer: string;
  readonly uses: readonly Use[];
}

export const usesCall = <C extends CallContract>(contract: C, spec: { reads: AnySchema; interactions: readonly CallInteraction<C>[] }): CallUse =>
  ({ kind: "call", contract, ...spec }) as unknown as CallUse;

export const usesEvent = <E extends EventContract>(contract: E, spec: { reads: AnySchema; interactions: readonly EventInteraction<E>[] }): EventUse =>
  ({ kind: "event", contract, ...spec }) as unknown as EventUse;

export const defineConsumer = (consumer: string, uses: readonly Use[]): ConsumerContract => ({ consumer, uses });

/** The name of what a use is about: the call's name or the event's type. */
export const useName = (use: Use): string => (use.kind === "call" ? use.contract.name : use.contract.type);
