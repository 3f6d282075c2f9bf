import type { Envelope } from "../../../contracts/envelope.ts";
import type { CallChannel, EventChannel, FaultControl, Transport } from "../transport.ts";
import { transportOf } from "../transport.ts";
import type { FaultEffects, FaultSite } from "./model.ts";
import { formatFaults, mergeFaults, parseFaults } from "./parse.ts";
import { seededRandom } from "./random.ts";
import { definitionOf, type FaultSpec } from "./registry.ts";

/** Chains the effects' wrappers of one kind around `base`, the first fault outermost. */
function chain<F>(effects: readonly FaultEffects[], pick: (e: FaultEffects) => ((next: F) => F) | undefined, base: F): F {
  return effects.reduceRight((next, e) => pick(e)?.(next) ?? next, base);
}

const touchesEvents = (effects: readonly FaultEffects[]) => effects.some((e) => e.dispatch || e.deliver);

/**
 * The fault layer: wraps any transport's channels in the effects of the faults in force, each drawing from its
 * own sequence of the seed (restarted whenever the faults change, so a check's faults replay with its seed).
 * Faults that touch events take inline delivery away, as any broker would. Without faults and without
 * `adjustable` (production) the transport is returned as it is; adjustable (the harness), faults can be added
 * while the process runs (`transport.faults`).
 */
export function withFaults(
  transport: Transport,
  own: readonly FaultSpec[],
  seed: number,
  adjustable = false,
  site: FaultSite = { supervised: false },
): Transport {
  if (own.length === 0 && !adjustable) return transport;
  const build = (specs: readonly FaultSpec[]) => specs.map((spec, i) => definitionOf(spec).effects(spec, seededRandom(seed + i * 7919), site));
  let current = [...own];
  let effects = build(current);
  const control: FaultControl = {
    current: () => formatFaults(current),
    add: (written) => {
      current = mergeFaults([...own, ...parseFaults(written)]);
      effects = build(current);
    },
  };
  const layered = {
    ...transportOf(
      faultyCalls(transport.calls, () => effects),
      faultyEvents(transport.events, () => effects),
    ),
    clockOffsetMs: (module: string) => effects.reduce((sum, e) => sum + (e.clockOffsetMs?.(module) ?? 0), 0),
    beforeCommit: async (module: string, handled: Envelope, flush: () => Promise<void>) => {
      for (const e of effects) await e.beforeCommit?.(module, handled, flush);
    },
  };
  return adjustable ? { ...layered, faults: control } : layered;
}

function faultyCalls(calls: CallChannel, effects: () => readonly FaultEffects[]): CallChannel {
  // Calls waiting in a fault (latency) before they reach the channel are in flight too.
  let waiting = 0;
  return {
    request: async (target, envelope, timeoutMs) => {
      waiting++;
      try {
        return await chain(effects(), (e) => e.request, calls.request)(target, envelope, timeoutMs);
      } finally {
        waiting--;
      }
    },
    answer: (module, receiver) =>
      calls.answer(module, (envelope) =>
        chain(effects(), (e) => e.answer && ((next: typeof receiver) => e.answer?.(next, module) ?? next), receiver)(envelope),
      ),
    inFlight: () => calls.inFlight() + waiting,
    routes: calls.routes && (() => calls.routes?.() as ReturnType<NonNullable<CallChannel["routes"]>>),
  };
}

function faultyEvents(events: EventChannel, effects: () => readonly FaultEffects[]): EventChannel {
  const inline = events.dispatchInline;
  return {
    dispatch: (envelope, subscribers, options) => chain(effects(), (e) => e.dispatch, events.dispatch)(envelope, subscribers, options),
    // Undefined while a fault touches events: the publisher hands the event to the channel the ordinary way.
    dispatchInline: inline && (async (envelope, subscribers) => (touchesEvents(effects()) ? undefined : inline(envelope, subscribers))),
    consume: (module, receiver) =>
      events.consume(module, (envelope, delivery) =>
        chain(effects(), (e) => e.deliver && ((next: typeof receiver) => e.deliver?.(next, module) ?? next), receiver)(envelope, delivery),
      ),
    start: () => events.start(),
    stop: () => events.stop(),
    pending: () => events.pending(),
    deadLetters: () => events.deadLetters(),
    health: () => events.health(),
    dashboard: events.dashboard,
  };
}
