/**
 * Version skew (harness): a module run at another contract version than its code. A number is an older message
 * version, written through the message's downcasts (orders:1); a release (users:2.0.0) is one of its calls'
 * migrations, a provider ahead of its consumers under the same message version.
 */
export type SkewVersion = number | string;

/** One MODULE:VERSION pair, as TWOFOLD_SKEW (comma-separated) and the harness's --skew take it. */
export const skewPair = /^[a-z][a-z0-9-]*:(\d+|\d+\.\d+\.\d+)$/;

export function parseSkew(pairs: readonly string[]): ReadonlyMap<string, SkewVersion> {
  return new Map(
    pairs.map((pair) => {
      const [module = "", version = ""] = pair.split(":");
      return [module, version.includes(".") ? version : Number(version)];
    }),
  );
}
