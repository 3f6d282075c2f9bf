import type { Hono } from "hono";
import type { ConsumerContract } from "../contracts/consumer.ts";
import { useName } from "../contracts/consumer.ts";
import type { AnySchema, CallContract, CallReply, CallRequest, EventContract, EventPayload } from "../contracts/define.ts";
import type { Envelope } from "../contracts/envelope.ts";
import type * as v from "valibot";
import type { Clock } from "./clock.ts";
import type { RuntimeConfig } from "./config.ts";
import type { RateLimiter } from "./limits/rate-limiter.ts";
import type { ModuleDb, Tx } from "./persistence/module-db.ts";
import type { AnyEntity } from "./persistence/orm.ts";

/** What a module sees of the running system: its own database, calls to other modules, configuration, limits. */
export interface ModuleContext {
  readonly name: string;
  readonly db: ModuleDb;
  readonly config: RuntimeConfig;
  /** Business time: read deadlines, expiries and waits from here, never from Date (the harness can advance it). */
  readonly clock: Clock;
  /** Counts attempts against the rules the module declares; one budget per rule and key across the process's replicas. */
  readonly limits: RateLimiter;
  call<C extends CallContract>(contract: C, request: CallRequest<C>, options?: { timeoutMs?: number }): Promise<CallReply<C>>;
  /** Runs one of the module's background tasks soon, instead of waiting for its next tick. */
  kick(task: string): void;
}

/**
 * Work a module does on its own schedule (driving sagas, expiring reservations). It runs every
 * `every(config)` ms and whenever kicked, never twice at once, and is resumed from the database after a
 * restart: a task keeps no state in memory.
 */
export interface BackgroundTask {
  readonly name: string;
  readonly every: (config: RuntimeConfig) => number;
  readonly run: (ctx: ModuleContext) => Promise<void>;
  /** Work that is due now; counted by the harness's idle check. */
  readonly due?: (ctx: ModuleContext) => Promise<number>;
}

/** An event handler's context: the delivery, and the one transaction that records it in the inbox. */
export interface EventContext extends ModuleContext {
  readonly envelope: Envelope;
  readonly attempt: number;
  /**
   * The handler's writes. The message id is stored in the module's inbox in this same transaction, so a
   * redelivered event has no second effect. At most one per delivery; make calls before it, not inside.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface CallBinding<C extends CallContract = CallContract> {
  readonly contract: C;
  readonly handle: (request: v.InferOutput<C["request"]>, ctx: ModuleContext) => Promise<CallReply<C>>;
}

export interface EventBinding<E extends EventContract = EventContract> {
  readonly contract: E;
  readonly handle: (payload: EventPayload<E>, ctx: EventContext) => Promise<void>;
  /**
   * false: no inbox for this subscription (no check, no record). Only for handlers that are idempotent by
   * themselves (a read model that keeps the newest version); anything else counts a redelivery twice.
   */
  readonly inbox: boolean;
}

/** Binds a call contract this module owns to its handler. */
export const answer = <C extends CallContract>(contract: C, handle: CallBinding<C>["handle"]): CallBinding =>
  ({ contract, handle }) as unknown as CallBinding;

/** Subscribes this module to an event contract. */
export const on = <E extends EventContract>(
  contract: E,
  handle: EventBinding<E>["handle"],
  options: { inbox?: boolean } = {},
): EventBinding => ({ contract, handle, inbox: options.inbox ?? true }) as unknown as EventBinding;

/**
 * A domain module, written once. Everything but `routes` is static, so any process can read the whole
 * system's routing (who owns a resource, who subscribes to an event) without booting a module.
 */
/**
 * Puts the module into a named situation for contract verification ("user u-1 exists"), or makes it
 * publish an event a consumer expects. Only the harness calls these (TWOFOLD_HARNESS=1).
 */
export type ProviderStateHandler = (ctx: ModuleContext, params: Readonly<Record<string, string | number | boolean>>) => Promise<void>;

export interface ModuleDefinition {
  readonly name: string;
  /** The module's version: what its consumer contracts and provided contracts are recorded and deployed under. */
  readonly version: string;
  /** First path segments under /api/v1 that this module serves, e.g. ["users"]. */
  readonly resources: readonly string[];
  readonly entities: readonly AnyEntity[];
  readonly publishes: readonly EventContract[];
  readonly calls: readonly CallBinding[];
  readonly events: readonly EventBinding[];
  /** The module's public HTTP routes, relative to /api/v1. */
  readonly routes: (ctx: ModuleContext) => Hono;
  readonly background?: readonly BackgroundTask[];
  /** What this module relies on from others (its consumer contracts, next to its code). */
  readonly consumes?: ConsumerContract;
  /** The states other modules' contracts name, for verifying this module as a provider. */
  readonly providerStates?: Readonly<Record<string, ProviderStateHandler>>;
}

export const defineModule = (definition: ModuleDefinition): ModuleDefinition => definition;

/** Which modules consume an event type, from the static module definitions. */
export const subscribersFrom =
  (modules: readonly ModuleDefinition[]) =>
  (type: string): string[] =>
    modules.filter((m) => m.events.some((e) => e.contract.type === type)).map((m) => m.name);

/** What each module reads of each call and event, from the modules' consumer contracts. */
export const readsFrom = (modules: readonly ModuleDefinition[]) => {
  const reads = new Map<string, AnySchema>();
  for (const module of modules) for (const use of module.consumes?.uses ?? []) reads.set(`${module.name} ${useName(use)}`, use.reads);
  return (consumer: string, name: string): AnySchema | undefined => reads.get(`${consumer} ${name}`);
};
