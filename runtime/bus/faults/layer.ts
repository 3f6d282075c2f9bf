import type { CallChannel, EventChannel, Transport } from "../transport.ts";
import { transportOf } from "../transport.ts";
import type { FaultEffects } from "./model.ts";
import { seededRandom } from "./random.ts";
import { definitionOf, type FaultSpec } from "./registry.ts";

/**
 * The fault layer: wraps any transport's channels in the effects of the given faults, each drawing from its
 * own sequence of the seed. Faults that touch events take inline delivery away, as any broker would.
 */
export function withFaults(transport: Transport, faults: readonly FaultSpec[], seed: number): Transport {
  if (faults.length === 0) return transport;
  const effects = faults.map((spec, i) => definitionOf(spec).effects(spec, seededRandom(seed + i * 7919)));
  return transportOf(faultyCalls(transport.calls, effects), faultyEvents(transport.events, effects));
}

/** Chains the effects' wrappers of one kind around `base`, the first fault outermost. */
function chain<F>(effects: readonly FaultEffects[], pick: (e: FaultEffects) => ((next: F) => F) | undefined, base: F): F {
  return effects.reduceRight((next, e) => pick(e)?.(next) ?? next, base);
}

function faultyCalls(calls: CallChannel, effects: readonly FaultEffects[]): CallChannel {
  // Calls waiting in a fault (latency) before they reach the channel are in flight too.
  let waiting = 0;
  const send = chain(effects, (e) => e.request, calls.request);
  return {
    request: async (target, envelope, timeoutMs) => {
      waiting++;
      try {
        return await send(target, envelope, timeoutMs);
      } finally {
        waiting--;
      }
    },
    answer: (module, receiver) =>
      calls.answer(
        module,
        chain(effects, (e) => e.answer, receiver),
      ),
    inFlight: () => calls.inFlight() + waiting,
    routes: calls.routes && (() => calls.routes?.() as ReturnType<NonNullable<CallChannel["routes"]>>),
  };
}

function faultyEvents(events: EventChannel, effects: readonly FaultEffects[]): EventChannel {
  const touched = effects.some((e) => e.dispatch || e.deliver);
  return {
    dispatch: chain(effects, (e) => e.dispatch, events.dispatch),
    dispatchInline: touched ? undefined : events.dispatchInline,
    consume: (module, receiver) =>
      events.consume(
        module,
        chain(effects, (e) => e.deliver, receiver),
      ),
    start: () => events.start(),
    stop: () => events.stop(),
    pending: () => events.pending(),
    deadLetters: () => events.deadLetters(),
    health: () => events.health(),
    dashboard: events.dashboard,
  };
}
