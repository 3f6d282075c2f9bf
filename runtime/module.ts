import type { EntityManager } from "@mikro-orm/postgresql";
import type { Hono } from "hono";
import type * as v from "valibot";
import type { ConsumerContract } from "../contracts/consumer.ts";
import { useName } from "../contracts/consumer.ts";
import type { AnySchema, CallContract, CallReply, CallRequest, EventContract, EventPayload } from "../contracts/define.ts";
import type { Envelope } from "../contracts/envelope.ts";
import type { ErrorCode } from "../contracts/errors.ts";
import { everyInstance } from "./bus/broadcast.ts";
import type { CallOptions } from "./bus/bus.ts";
import type { Clock } from "./clock.ts";
import type { FeatureFlags } from "./flags/rollouts.ts";
import type { OperatorGate } from "./http/operator.ts";
import type { RateLimiter } from "./limits/rate-limiter.ts";
import type { Logger } from "./log/logger.ts";
import type { IdempotencyStore } from "./persistence/idempotency.ts";
import type { Tx } from "./persistence/module-db.ts";
import type { AnyEntity } from "./persistence/orm.ts";
import type { NoSettings, SettingsDeclaration, SettingValues } from "./settings.ts";

/** Reads of the module's own database, outside any transaction. */
export interface ModuleReads {
  /** A fresh EntityManager for reads. */
  em(): EntityManager;
  /** Reads in one snapshot (repeatable read, read only): rows written together are seen together. */
  snapshot<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

/** The module's own database: reads, and writes in transactions that carry the outbox (runtime/persistence/module-db.ts). */
export interface ModuleDatabase extends ModuleReads {
  /** Runs `work` in one transaction; events it publishes are written to the outbox in that same transaction. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Idempotency keys for requests and calls the module must not repeat (charges, checkouts). */
  readonly idempotency: IdempotencyStore;
}

/** What every module context offers besides its database: calls, settings, time, limits. */
interface ModuleScope<S extends SettingsDeclaration> {
  readonly name: string;
  /** This process among its service's replicas (`orders`, `orders-2`; `monolith`): what a lease names, so a restart takes back only its own. */
  readonly instance: string;
  /** The module's own settings (`defineModule({ settings })`), parsed at boot. */
  readonly settings: SettingValues<S>;
  /** Business time: read deadlines, expiries and waits from here, never from Date (the harness can advance it). */
  readonly clock: Clock;
  /** Counts attempts against the rules the module declares; one budget per rule and key across the process's replicas. */
  readonly limits: RateLimiter;
  /** Whether a request is the operator's; the key itself stays with the runtime. */
  readonly operators: OperatorGate;
  /** The process's logger with this module bound as `module`; lines logged in a request or delivery carry its correlation id. */
  readonly log: Logger;
  /** How long `call` waits for an answer before failing with call_timeout (a lease over calls must outlast it). */
  readonly callTimeoutMs: number;
  /** Calls the module that owns `contract`; `options.fallback` answers instead when that module cannot (runtime/bus/bus.ts). */
  call<C extends CallContract>(contract: C, request: CallRequest<C>, options?: CallOptions<C>): Promise<CallReply<C>>;
  /**
   * Fails at once with circuit_open (503) when the circuit to the owner of any of these calls is open: work
   * that will need them answers now instead of starting and then failing, or holding what it took.
   */
  ensureAvailable(contracts: readonly CallContract[]): void;
  /** Runs one of the module's background tasks soon, instead of waiting for its next tick. */
  kick(task: string): void;
  /**
   * Feature flags, decided in this process from its copy of each rollout (runtime/flags/): a read costs no
   * call once the copy is there. A module that reads them subscribes with `followFlags` and declares
   * `flags.read` and `flag.changed` in its consumer contract.
   */
  readonly flags: FeatureFlags;
}

/** What a module sees of the running system: its own database, calls to other modules, its settings, limits. */
export interface ModuleContext<S extends SettingsDeclaration = NoSettings> extends ModuleScope<S> {
  readonly db: ModuleDatabase;
}

/**
 * Work a module does on its own schedule (driving sagas, expiring reservations). It runs every
 * `every(settings)` ms and whenever kicked, never twice at once, and is resumed from the database after a
 * restart: a task keeps no state in memory.
 */
export interface BackgroundTask<S extends SettingsDeclaration = NoSettings> {
  readonly name: string;
  readonly every: (settings: SettingValues<S>) => number;
  readonly run: (ctx: ModuleContext<S>) => Promise<void>;
  /** Work that is due now; counted by the harness's idle check. */
  readonly due?: (ctx: ModuleContext<S>) => Promise<number>;
}

/**
 * A number about the module's own state that only the module knows how to read (sagas per step), exposed at
 * /metrics as `twofold_<module>_<name>`. It is read when /metrics is scraped, so keep the read cheap (one
 * grouped count); each sample names a value for every label.
 */
export interface ModuleGauge<S extends SettingsDeclaration = NoSettings> {
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
  readonly read: (ctx: ModuleContext<S>) => Promise<readonly { readonly labels: Readonly<Record<string, string>>; readonly value: number }[]>;
}

/**
 * An event handler's context: the delivery, reads, and the one transaction that records it in the inbox.
 * Its database is read-only, so no write can skip the inbox.
 */
export interface EventContext<S extends SettingsDeclaration = NoSettings> extends ModuleScope<S> {
  readonly db: ModuleReads;
  readonly envelope: Envelope;
  readonly attempt: number;
  /**
   * The handler's writes. The message id is stored in the module's inbox in this same transaction, so a
   * redelivered event has no second effect. At most one per delivery; make calls before it, not inside.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** A call handler; `S`, the settings its context reads, must be the module's. */
export interface CallBinding<C extends CallContract = CallContract, S extends SettingsDeclaration = SettingsDeclaration> {
  readonly contract: C;
  readonly handle: (request: v.InferOutput<C["request"]>, ctx: ModuleContext<S>) => Promise<CallReply<C>>;
}

export interface EventBinding<E extends EventContract = EventContract, S extends SettingsDeclaration = SettingsDeclaration> {
  readonly contract: E;
  readonly handle: (payload: EventPayload<E>, ctx: EventContext<S>) => Promise<void>;
  /**
   * false: no inbox for this subscription (no check, no record). Only for handlers that are idempotent by
   * themselves (a read model that keeps the newest version); anything else counts a redelivery twice.
   */
  readonly inbox: boolean;
  /**
   * true: every instance (process) hosting the module hears each event, not one of them (runtime/bus/broadcast.ts):
   * for state each process keeps for itself. Its inbox, when it has one, is the instance's own.
   */
  readonly broadcast: boolean;
}

/** Binds a call contract this module owns to its handler; a handler that reads settings types its `ctx` with them. */
export const answer = <C extends CallContract, S extends SettingsDeclaration = NoSettings>(
  contract: C,
  handle: CallBinding<C, S>["handle"],
): CallBinding<CallContract, S> => ({ contract, handle }) as unknown as CallBinding<CallContract, S>;

/** Subscribes this module to an event contract. */
export const on = <E extends EventContract, S extends SettingsDeclaration = NoSettings>(
  contract: E,
  handle: EventBinding<E, S>["handle"],
  options: { inbox?: boolean; broadcast?: boolean } = {},
): EventBinding<EventContract, S> =>
  ({ contract, handle, inbox: options.inbox ?? true, broadcast: options.broadcast ?? false }) as unknown as EventBinding<EventContract, S>;

/**
 * Puts the module into a named situation for contract verification ("user u-1 exists"), or makes it
 * publish an event a consumer expects. Only the harness calls these (TWOFOLD_HARNESS=1).
 */
export type ProviderStateHandler<S extends SettingsDeclaration = NoSettings> = (
  ctx: ModuleContext<S>,
  params: Readonly<Record<string, string | number | boolean>>,
) => Promise<void>;

/** One forward step of a declared saga: the call it makes, the call that undoes it, and a refusal its callee may answer. */
export interface SagaStepDeclaration {
  readonly name: string;
  readonly call: CallContract;
  readonly undo?: CallContract;
  /** A business refusal the callee may answer the step with: the saga compensates what it did before. */
  readonly refusal: ErrorCode;
  /**
   * Past the saga's point of no return: without an answer it is retried until one comes, never compensated
   * for lack of one (a refusal still compensates).
   */
  readonly retriable?: true;
}

/**
 * A saga a module runs, declared so that the harness can fail each of its steps in each way
 * (harness/checkers/saga-compensation.ts) and check that what the earlier steps did is undone exactly once, in
 * reverse order. Declare it from the same data the saga itself runs on, so the two cannot drift.
 */
export interface SagaDeclaration {
  readonly name: string;
  readonly steps: readonly SagaStepDeclaration[];
}

interface ModuleParts<S extends SettingsDeclaration> {
  readonly name: string;
  /** The module's version: what its consumer contracts and provided contracts are recorded and deployed under. */
  readonly version: string;
  /** First path segments under /api/v1 that this module serves, e.g. ["users"]. */
  readonly resources: readonly string[];
  readonly entities: readonly AnyEntity[];
  readonly publishes: readonly EventContract[];
  readonly calls: readonly CallBinding<CallContract, S>[];
  readonly events: readonly EventBinding<EventContract, S>[];
  /** The module's public HTTP routes, relative to /api/v1. */
  readonly routes: (ctx: ModuleContext<S>) => Hono;
  readonly background?: readonly BackgroundTask<S>[];
  /** The sagas it runs, for the harness's compensation checker. */
  readonly sagas?: readonly SagaDeclaration[];
  /** Gauges of its own state, read at every scrape of /metrics. */
  readonly metrics?: readonly ModuleGauge<S>[];
  /** What this module relies on from others (its consumer contracts, next to its code). */
  readonly consumes?: ConsumerContract;
  /** The states other modules' contracts name, for verifying this module as a provider. */
  readonly providerStates?: Readonly<Record<string, ProviderStateHandler<S>>>;
}

/**
 * Its knobs (`TWOFOLD_<NAME>`), declared next to its code and read typed as `ctx.settings`: required once any
 * of its code reads one; optional where settings are unknown (the runtime's view of any module).
 */
type SettingsPart<S extends SettingsDeclaration> = [keyof S] extends [never]
  ? { readonly settings?: S }
  : string extends keyof S
    ? { readonly settings?: S }
    : { readonly settings: S };

/**
 * A domain module, written once. Everything but `routes` is static, so any process can read the whole
 * system's routing (who owns a resource, who subscribes to an event) and settings without booting a module.
 * `S` is its settings declaration; the runtime sees every module as ModuleDefinition (any settings).
 */
export type ModuleDefinition<S extends SettingsDeclaration = SettingsDeclaration> = ModuleParts<S> & SettingsPart<S>;

/** A module, checked against its own settings: every handler, route and task may read only what it declares. */
export const defineModule = <S extends SettingsDeclaration = NoSettings>(definition: ModuleDefinition<S>): ModuleDefinition =>
  definition as unknown as ModuleDefinition;

/** Who consumes an event type, from the static module definitions: a module, or every instance of it (broadcast). */
export const subscribersFrom =
  (modules: readonly ModuleDefinition[]) =>
  (type: string): string[] => [
    ...new Set(modules.flatMap((m) => m.events.filter((e) => e.contract.type === type).map((e) => (e.broadcast ? everyInstance(m.name) : m.name)))),
  ];

/** What each module reads of each call and event, from the modules' consumer contracts. */
export const readsFrom = (modules: readonly ModuleDefinition[]) => {
  const reads = new Map<string, AnySchema>();
  for (const module of modules) for (const use of module.consumes?.uses ?? []) reads.set(`${module.name} ${useName(use)}`, use.reads);
  return (consumer: string, name: string): AnySchema | undefined => reads.get(`${consumer} ${name}`);
};
