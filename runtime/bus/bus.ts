import type * as v from "valibot";
import type { AnySchema, CallContract, CallReply, CallRequest, EventContract, EventPayload } from "../../contracts/define.ts";
import { CallEnvelope, Envelope } from "../../contracts/envelope.ts";
import { runtimeErrorCodes, unavailableErrorCodes } from "../../contracts/errors.ts";
import { type Clock, clock, OffsetClock } from "../clock.ts";
import { AppError, toAppError } from "../errors.ts";
import type { Tracing } from "../telemetry/tracing.ts";
import { everyInstance } from "./broadcast.ts";
import type { Catalog } from "./catalog.ts";
import { currentContext, newId, runInContext } from "./context.ts";
import type { BusObserver } from "./observer.ts";
import { CallPolicies, type DependencyState } from "./resilience/policies.ts";
import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./resilience/settings.ts";
import type { SkewVersion } from "./skew.ts";
import type { InlineDispatch, Transport } from "./transport.ts";
import { conform } from "./validate.ts";
import { readAsCurrent, type Versioned, writeSkewed } from "./versions.ts";

const replyOf = (contract: CallContract): Versioned => ({
  name: contract.name,
  version: contract.version,
  schema: contract.reply,
  past: contract.pastReplies,
  migrations: contract.migrations,
});
const payloadOf = (contract: EventContract): Versioned => ({
  name: contract.type,
  version: contract.version,
  schema: contract.payload,
  past: contract.past,
});

export type CallHandler<C extends CallContract = CallContract> = (
  request: v.InferOutput<C["request"]>,
  meta: { envelope: Envelope },
) => Promise<CallReply<C>>;

export type EventHandler<E extends EventContract = EventContract> = (
  payload: EventPayload<E>,
  meta: { envelope: Envelope; attempt: number },
) => Promise<void>;

/** How one call is made: how long it may wait, and what answers in the callee's place when it cannot. */
export interface CallOptions<C extends CallContract = CallContract> {
  /** The configured call timeout unless given. */
  readonly timeoutMs?: number;
  /**
   * The caller's own answer, used only when the call went unanswered or was refused before it was sent
   * (`unavailableErrorCodes`); an error the callee answered with is never replaced. Its value is checked
   * against the call's reply schema like a real reply.
   */
  readonly fallback?: (error: AppError) => CallReply<C> | Promise<CallReply<C>>;
}

export interface BusOptions {
  readonly catalog: Catalog;
  /** What a consumer reads of a call's reply or an event (its consumer contract), checked on receipt. */
  readonly reads?: (consumer: string, name: string) => AnySchema | undefined;
  /** Modules running at another contract version than the code (harness: version skew), and which. */
  readonly skew?: ReadonlyMap<string, SkewVersion>;
  readonly transport: Transport;
  /** Which modules subscribe to an event type: the static routing table of the whole system. */
  readonly subscribersOf: (type: string) => readonly string[];
  readonly callTimeoutMs: number;
  /** Breakers, bulkheads and retries of every call (runtime/bus/resilience/); the defaults unless given. */
  readonly resilience?: ResilienceSettings;
  readonly observer?: BusObserver;
  /** Spans for calls, publishes and deliveries (runtime/telemetry/), when the process traces. */
  readonly tracing?: Tracing;
}

/**
 * The bus every module talks through. It is the same code in every topology: it validates each message
 * against its contract when sent and when received, stamps envelopes and carries the conversation
 * (correlation/causation) across; only the transport underneath differs.
 */
export class Bus {
  readonly transport: Transport;
  /** The process's tracing, when it traces: the databases' transactions are spanned through it too. */
  readonly tracing?: Tracing;
  private readonly options: BusOptions;
  private readonly policies: CallPolicies;

  constructor(options: BusOptions) {
    this.options = options;
    this.transport = options.transport;
    this.tracing = options.tracing;
    this.policies = new CallPolicies(options.resilience ?? DEFAULT_RESILIENCE);
  }

  get catalog(): Catalog {
    return this.options.catalog;
  }

  /** Under the fault layer, before `module` commits its handling of `handled` (a crash point): see faults/crash.ts. */
  beforeCommit(module: string, handled: Envelope, flush: () => Promise<void>): Promise<void> {
    return this.transport.beforeCommit?.(module, handled, flush) ?? Promise.resolve();
  }

  /** The clock `module` reads: the process's, or under a `clock:` fault that clock skewed for it alone. */
  clockOf(module: string): Clock {
    const offsetOf = this.transport.clockOffsetMs;
    return offsetOf ? new OffsetClock(clock, () => offsetOf(module)) : clock;
  }

  /**
   * Request/reply to the module that owns `contract`; rejects with an AppError carrying the owner's code. It waits
   * `timeoutMs` (the configured call timeout unless given), never past the deadline of the work that calls, and
   * goes through the call policies: bulkhead, circuit breaker, retries when the contract is retry-safe. When
   * the callee could not answer, a declared `fallback` answers instead.
   */
  call<C extends CallContract>(from: string, contract: C, request: CallRequest<C>, options: CallOptions<C> = {}): Promise<CallReply<C>> {
    const tracing = this.tracing;
    if (!tracing) return this.send(from, contract, request, options);
    return tracing.call(from, contract.owner, contract.name, () => this.send(from, contract, request, options));
  }

  private async send<C extends CallContract>(from: string, contract: C, request: CallRequest<C>, options: CallOptions<C>): Promise<CallReply<C>> {
    const context = currentContext();
    if (context?.inTransaction) {
      // One process would deadlock on a shared embedded database, split would hold a transaction open across
      // the network: both are bugs, so both topologies refuse the same way.
      throw new AppError("call_in_transaction", `${contract.name} called inside a database transaction`);
    }
    const payload = conform(contract.request, request, { contract: contract.name, side: "request", at: "send" });
    const envelope = this.traced(this.envelope(from, contract.name, contract.version, payload));
    const started = performance.now();
    const observe = (outcome: string, fallback: boolean) =>
      this.options.observer?.({
        kind: "call",
        from,
        to: contract.owner,
        envelope,
        durationMs: performance.now() - started,
        outcome,
        resilience: this.policies.stateOf(from, contract.owner),
        ...(fallback ? { fallback: true as const } : {}),
      });
    let current: unknown;
    try {
      const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs;
      const reply = await this.policies.run(from, contract, timeoutMs, (timeLeftMs) => {
        const sent: CallEnvelope = { ...envelope, timeLeftMs };
        return this.transport.request(contract.owner, sent, timeLeftMs);
      });
      // At the current version what the consumer reads comes first, so a reply changed in place (a provider's
      // migration, seed 000) fails naming the consumer and the field; an older one is read once upcast.
      const inPlace = reply.version === contract.version;
      if (inPlace) this.checkReads(from, contract.name, reply.payload, "reply");
      current = readAsCurrent(replyOf(contract), reply.version, reply.payload, "reply");
      if (!inPlace) this.checkReads(from, contract.name, current, "reply");
    } catch (error) {
      const failure = toAppError(error);
      const fallback = unavailableErrorCodes.includes(failure.code) ? options.fallback : undefined;
      observe(failure.code, fallback !== undefined);
      if (!fallback) throw declaredOrViolation(contract, failure, "receive");
      return conform(contract.reply, await fallback(failure), { contract: contract.name, side: "reply", at: "fallback" }) as CallReply<C>;
    }
    observe("ok", false);
    return current as CallReply<C>;
  }

  /**
   * Builds a validated event envelope; the outbox stores it and the relay dispatches it later. A module run
   * at an older contract version (skew) writes the older shape, as the old code would have.
   */
  event<E extends EventContract>(from: string, contract: E, payload: EventPayload<E>): Envelope {
    const checked = conform(contract.payload, payload, { contract: contract.type, side: "event", at: "send" });
    const written = writeSkewed(payloadOf(contract), this.options.skew?.get(from), checked);
    return this.traced(this.envelope(from, contract.type, written.version, written.value));
  }

  /** Hands a stored event to every subscriber through the transport. */
  async dispatch(envelope: Envelope): Promise<void> {
    const subscribers = this.options.subscribersOf(envelope.type);
    if (this.tracing) await this.tracing.publish(envelope, subscribers, (sent) => this.transport.dispatch(sent, subscribers));
    else await this.transport.dispatch(envelope, subscribers);
    this.options.observer?.({ kind: "publish", from: envelope.source, envelope: this.observed(envelope), subscribers });
  }

  /**
   * Delivers a just-committed event inline when the transport can (the plain monolith): resolves after every
   * subscriber's first attempt, with `settled` for the rest. Undefined when the transport cannot, or will not
   * now (a fault touches events): then it is dispatched the ordinary way.
   */
  async dispatchInline(envelope: Envelope): Promise<InlineDispatch | undefined> {
    const inline = this.transport.dispatchInline;
    if (!inline) return undefined;
    const subscribers = this.options.subscribersOf(envelope.type);
    const run = await (this.tracing
      ? this.tracing.publish(envelope, subscribers, (sent) => inline(sent, subscribers))
      : inline(envelope, subscribers));
    if (run) this.options.observer?.({ kind: "publish", from: envelope.source, envelope: this.observed(envelope), subscribers });
    return run;
  }

  /** Serves the calls a local module owns. */
  answer(module: string, handlers: ReadonlyMap<string, CallHandler>): void {
    const receive = async (raw: Envelope): Promise<Envelope> => {
      const envelope = conform(CallEnvelope, raw, { contract: "envelope", side: "request", at: "receive" });
      const contract = this.catalog.call(envelope.type);
      const handler = handlers.get(envelope.type);
      if (contract.owner !== module || !handler) {
        throw new AppError("contract_violation", `${module} does not answer ${envelope.type}`, { name: envelope.type });
      }
      const request = conform(contract.request, envelope.payload, { contract: contract.name, side: "request", at: "receive" });
      const deadline = envelope.timeLeftMs === undefined ? undefined : clock.nowMs() + envelope.timeLeftMs;
      const context = { correlationId: envelope.correlationId, causationId: envelope.id, deadline, synthetic: envelope.synthetic };
      try {
        const reply = await runInContext(context, () => handler(request, { envelope }));
        const checked = conform(contract.reply, reply, { contract: contract.name, side: "reply", at: "send" });
        const written = writeSkewed(replyOf(contract), this.options.skew?.get(module), checked);
        return this.envelope(module, `${contract.name}.reply`, written.version, written.value, context);
      } catch (error) {
        throw declaredOrViolation(contract, toAppError(error), "send");
      }
    };
    const tracing = this.tracing;
    this.transport.answer(module, tracing ? (raw) => tracing.answer(raw, module, () => receive(raw)) : receive);
  }

  /** Fails with circuit_open, at once, when `from`'s circuit to the owner of any of `contracts` is open. */
  ensureAvailable(from: string, contracts: readonly CallContract[]): void {
    for (const contract of contracts) {
      const refused = this.policies.refusal(from, contract.owner);
      if (refused) throw refused;
    }
  }

  /** Each callee module this process has called: calls waiting on it and each caller's circuit (for readiness). */
  dependencies(): Record<string, DependencyState> {
    return this.policies.state();
  }

  /**
   * Consumes the events a local module subscribes to; a handler that throws gets the delivery retried. Those
   * of `broadcast` types are heard by this process whichever other instances host the module too.
   */
  consume(module: string, handlers: ReadonlyMap<string, EventHandler>, broadcast: ReadonlySet<string> = new Set()): void {
    const of = (heard: boolean) => new Map([...handlers].filter(([type]) => broadcast.has(type) === heard));
    // Only addresses something is sent to: on BullMQ each is a worker with its own Redis connection, polling.
    const competing = of(false);
    const everyone = of(true);
    if (competing.size > 0) this.receive(module, module, competing);
    if (everyone.size > 0) this.receive(everyInstance(module), module, everyone);
  }

  /** Registers one subscriber address of `module` with the transport. */
  private receive(address: string, module: string, handlers: ReadonlyMap<string, EventHandler>): void {
    const receive = async (raw: Envelope, { attempt }: { attempt: number }): Promise<void> => {
      const started = performance.now();
      let outcome = "ok";
      try {
        const envelope = conform(Envelope, raw, { contract: "envelope", side: "event", at: "receive" });
        const contract = this.catalog.event(envelope.type);
        const handler = handlers.get(envelope.type);
        if (!handler) throw new AppError("contract_violation", `${module} does not subscribe to ${envelope.type}`);
        const payload = readAsCurrent(payloadOf(contract), envelope.version, envelope.payload, "event");
        this.checkReads(module, contract.type, payload, "event");
        const context = { correlationId: envelope.correlationId, causationId: envelope.id, synthetic: envelope.synthetic };
        await runInContext(context, () => handler(payload, { envelope, attempt }));
      } catch (error) {
        outcome = toAppError(error).code;
        throw error;
      } finally {
        this.options.observer?.({ kind: "delivery", to: module, envelope: raw, attempt, durationMs: performance.now() - started, outcome });
      }
    };
    const tracing = this.tracing;
    this.transport.consume(
      address,
      tracing ? (raw, delivery) => tracing.deliver(raw, module, delivery.attempt, () => receive(raw, delivery)) : receive,
    );
  }

  /** A reply or event must carry what its consumer reads, or the consumer fails here, naming the field. */
  private checkReads(consumer: string, name: string, value: unknown, side: "reply" | "event"): void {
    const reads = this.options.reads?.(consumer, name);
    if (reads) conform(reads, value, { contract: name, side, at: "receive", consumer });
  }

  /** An event as its subscribers would see it: an older version read as the current one (for the tap). */
  current(envelope: Envelope): Envelope {
    const contract = this.catalog.event(envelope.type);
    return { ...envelope, payload: readAsCurrent(payloadOf(contract), envelope.version, envelope.payload, "event") };
  }

  /** What the trace shows of a published event: as current when it can be read so, else as written. */
  private observed(envelope: Envelope): Envelope {
    try {
      return this.current(envelope);
    } catch {
      return envelope;
    }
  }

  /** A call's or event's envelope carries the span it was made in, when the process traces. */
  private traced(envelope: Envelope): Envelope {
    const carrier = this.tracing?.carrier();
    return carrier ? { ...envelope, ...carrier } : envelope;
  }

  private envelope(source: string, type: string, version: number, payload: unknown, context = currentContext()): Envelope {
    const id = newId();
    return {
      id,
      type,
      version,
      // A skewed module stamps what it sends with its own time, as a process with a drifted clock would.
      occurredAt: occurredAt(clock.nowMs() + (this.transport.clockOffsetMs?.(source) ?? 0)),
      correlationId: context?.correlationId ?? id,
      causationId: context?.causationId ?? null,
      source,
      ...(context?.synthetic ? { synthetic: true as const } : {}),
      payload,
    };
  }
}

let isoMs = Number.NaN;
let iso = "";
/** An envelope's timestamp: envelopes made in the same millisecond share one string (toISOString was 8 % of a call). */
function occurredAt(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    iso = new Date(ms).toISOString();
  }
  return iso;
}

/** An error reply must carry a code the contract declares (or one the runtime itself may raise). */
function declaredOrViolation(contract: CallContract, error: AppError, at: "send" | "receive"): AppError {
  if (contract.errors.includes(error.code) || runtimeErrorCodes.includes(error.code as never)) return error;
  return new AppError("contract_violation", `${contract.name} failed with undeclared error code "${error.code}" (on ${at})`, {
    contract: contract.name,
    side: "reply",
    at,
    code: error.code,
    message: error.message,
  });
}
