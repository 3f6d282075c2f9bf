import fc from "fast-check";

/**
 * fc.oneof whose shrinker also tries the first alternative: list the plainest case first (valid, absent, the
 * right credentials) and a failure shrinks back to it wherever the odd choice did not matter.
 */
export const plainFirst = <T>(...alternatives: fc.MaybeWeightedArbitrary<T>[]): fc.Arbitrary<T> =>
  fc.oneof({ withCrossShrink: true }, ...alternatives);
