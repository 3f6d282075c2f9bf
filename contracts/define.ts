import type * as v from "valibot";
import type { ErrorCode } from "./errors.ts";

/** Any valibot schema; contracts keep their precise schema type through the generics below. */
export type AnySchema = v.GenericSchema;

/**
 * An older shape of a message that may still be on the wire (an old provider still running): how to read
 * it as the next version (`upcast`), and how an old provider would have written it (`downcast`, used by the
 * harness to run one module at an older contract version).
 */
export interface PastVersion {
  readonly version: number;
  readonly schema: AnySchema;
  /** This version's value as the next version's. */
  readonly upcast: (value: unknown) => unknown;
  /** The next version's value as this version's. */
  readonly downcast: (value: unknown) => unknown;
}

/**
 * A provider release that changes a reply's shape without a new message version — seed 000's user_id migration:
 * consumers still read it as the current version and break on it. Described so the contract tools can refuse the
 * release and the harness can run the provider writing it (TWOFOLD_SKEW=users:2.0.0) before anyone deploys it.
 */
export interface Migration {
  /** The provider's module version that would ship it. */
  readonly release: string;
  readonly reply: AnySchema;
  /** The current reply as that release writes it. */
  readonly migrate: (reply: unknown) => unknown;
}

/** A request/reply between modules: owned by one module, answered only by it. */
export interface CallContract<Name extends string = string, Request extends AnySchema = AnySchema, Reply extends AnySchema = AnySchema> {
  readonly kind: "call";
  readonly name: Name;
  readonly owner: string;
  readonly version: number;
  readonly request: Request;
  readonly reply: Reply;
  /** Error codes the owner may answer with, besides the transport's own (timeouts, unavailability). */
  readonly errors: readonly ErrorCode[];
  /** Older reply shapes callers still understand, oldest first. */
  readonly pastReplies?: readonly PastVersion[];
  /** Releases of the owner that change the reply in place (never the current code; see Migration). */
  readonly migrations?: readonly Migration[];
  /**
   * Sending it again changes nothing (a read, or a write that is a no-op the second time): when no answer
   * came, the bus retries it with backoff within the call's deadline. Unset, a call is sent once.
   */
  readonly retrySafe?: boolean;
}

/** A fact one module publishes and any number of modules subscribe to. */
export interface EventContract<Type extends string = string, Payload extends AnySchema = AnySchema> {
  readonly kind: "event";
  readonly type: Type;
  readonly owner: string;
  readonly version: number;
  readonly payload: Payload;
  /** Older payload shapes subscribers still understand, oldest first. */
  readonly past?: readonly PastVersion[];
}

export function defineCall<Name extends string, Request extends AnySchema, Reply extends AnySchema>(
  contract: Omit<CallContract<Name, Request, Reply>, "kind" | "version" | "errors"> & {
    version?: number;
    errors?: readonly ErrorCode[];
  },
): CallContract<Name, Request, Reply> {
  return { kind: "call", version: 1, errors: [], ...contract };
}

export function defineEvent<Type extends string, Payload extends AnySchema>(
  contract: Omit<EventContract<Type, Payload>, "kind" | "version"> & { version?: number },
): EventContract<Type, Payload> {
  return { kind: "event", version: 1, ...contract };
}

export type CallRequest<C extends CallContract> = v.InferInput<C["request"]>;
export type CallReply<C extends CallContract> = v.InferOutput<C["reply"]>;
export type EventPayload<E extends EventContract> = v.InferOutput<E["payload"]>;
