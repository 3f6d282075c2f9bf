/** The test tap's subscriber name; only the harness turns it on. */
export const TAP = "tap";

/** Adds the tap to every event's subscribers when the harness is on. */
export const withTap =
  (subscribersOf: (type: string) => string[], enabled: boolean) =>
  (type: string): string[] =>
    enabled ? [...subscribersOf(type), TAP] : subscribersOf(type);
