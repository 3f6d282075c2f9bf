import * as v from "valibot";

/**
 * The system's feature flags and what each switches: the one list. The operator API sets only these, the
 * call and the event carry only these, and a flag nobody has set yet is off.
 */
export const featureFlags = {
  new_pricing: "checkout prices with pricing v2: free shipping once the subtotal reaches 50.00 (v1: the flat shipping cost always)",
} as const;

export type FlagName = keyof typeof featureFlags;

export const flagNames = Object.keys(featureFlags) as [FlagName, ...FlagName[]];

export const FlagName = v.picklist(flagNames);

export const isFlagName = (name: string): name is FlagName => Object.hasOwn(featureFlags, name);
