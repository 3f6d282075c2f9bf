/**
 * The `monolith-strict` profile: one process, but the in-memory bus behaves like the wire. Every message is
 * copied through its JSON encoding (no Dates, Maps or shared objects survive), calls answer on a later turn
 * of the event loop, and each delivery waits a seeded random delay (so deliveries to one subscriber may
 * finish out of order, as with BullMQ's concurrent workers) and is sometimes delivered twice (at least once).
 * Every choice comes from the seed, so a failing run can be replayed.
 */
export interface StrictOptions {
  readonly seed: number;
  /** Probability that a delivery is repeated. */
  readonly duplicateRate: number;
  /** Upper bound of the random delay before each delivery. */
  readonly maxDelayMs: number;
}

/** mulberry32: a small, fast, well-distributed PRNG; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the receiver would get from the wire: a fresh copy through JSON. */
export const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Resolves on a later turn of the event loop, as a network answer would. setImmediate, not setTimeout(0): Bun
 * clamps the latter to ~1 ms, which made every strict call cost two milliseconds of nothing.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
