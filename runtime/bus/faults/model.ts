import type { Envelope } from "../../../contracts/envelope.ts";
import type { CallReceiver, Dispatch, EventReceiver, SendCall } from "../transport.ts";

/**
 * What one fault does at the points of a message's path it touches; the fault layer (layer.ts) chains the
 * effects of every active fault around the channels' own functions, so a transport knows nothing of faults.
 */
export interface FaultEffects {
  /** Around sending a call, on the caller's side: may delay, fail or lose it. */
  readonly request?: (next: SendCall) => SendCall;
  /** Around answering a call, on the provider's side (the module answering it). */
  readonly answer?: (next: CallReceiver, module: string) => CallReceiver;
  /** Around handing an event to the channel, on the publisher's side: may repeat, hold back or drop it. */
  readonly dispatch?: (next: Dispatch) => Dispatch;
  /** Around one delivery to a consumer (the subscribing module). */
  readonly deliver?: (next: EventReceiver, subscriber: string) => EventReceiver;
  /** How far the clock `module` reads is off (clock-skew.ts); the offsets of every fault add up. */
  readonly clockOffsetMs?: (module: string) => number;
  /** Inside the transaction that records `module`'s handling of a delivery, before it commits (crash.ts). */
  readonly beforeCommit?: (module: string, handled: Envelope, flush: () => Promise<void>) => Promise<void>;
}

/** What a fault may know of the process it runs in. */
export interface FaultSite {
  /** Something restarts the process when it dies (TWOFOLD_SUPERVISED): a crash may be real. */
  readonly supervised: boolean;
}

/**
 * One kind of fault: its data (a typed spec), its written form (`TWOFOLD_FAULTS`, the harness CLI, YAML) and
 * its effects. A new kind of fault is one of these, listed in registry.ts.
 */
export interface FaultDefinition<S extends { readonly kind: string }> {
  readonly kind: S["kind"];
  /** The written form, for errors and the README: `latency:<module>=<ms>`. */
  readonly syntax: string;
  readonly description: string;
  /** The spec a written part stands for, or undefined when the part is not this kind's. */
  parse(part: string): S | undefined;
  format(spec: S): string;
  /** Specs with the same key replace each other: the later one wins (a profile's preset, then a test's override). */
  key(spec: S): string;
  /** `random` is this fault's own seeded sequence: the same seed replays the same choices. */
  effects(spec: S, random: () => number, site: FaultSite): FaultEffects;
}

/** Declares a fault kind; the identity function that makes its spec type flow into the registry's union. */
export const defineFault = <S extends { readonly kind: string }>(definition: FaultDefinition<S>): FaultDefinition<S> => definition;
