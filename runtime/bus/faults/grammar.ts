/**
 * The pieces the written forms of faults share, so every kind reads a module, an event type and a rate the
 * same way: `<module>` as topology and settings name it, `<type>` an event type or `*` for every one, and an
 * optional `@<0..1>` for the share of messages a fault touches (every one when absent).
 */
export const MODULE = "([a-z][a-z0-9-]*)";
/** A module (every call into it) or one call by name (`warehouse.reserve`). */
export const CALL_TARGET = "([a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9_.-]*)?)";
export const EVENT_TYPE = "(\\*|[a-z][a-z0-9_.-]*)";
export const RATE = "(?:@(0(?:\\.\\d+)?|1(?:\\.0+)?))?";

export const rateOf = (written: string | undefined): number => (written === undefined ? 1 : Number(written));

/** `@<rate>` for the written form, nothing for 1. */
export const formatRate = (rate: number): string => (rate === 1 ? "" : `@${rate}`);

/** Whether a call is one the fault touches: its callee module or its name is the one wanted, then a seeded draw. */
export const touchesCall = (callee: string, name: string, wanted: string, rate: number, random: () => number): boolean =>
  (callee === wanted || name === wanted) && (rate === 1 || random() < rate);

/** Whether this message is one the fault touches: the target matches, then a seeded draw (only for matches, so other traffic does not move the sequence). */
export const touches = (target: string, wanted: string, rate: number, random: () => number): boolean =>
  (wanted === "*" || target === wanted) && (rate === 1 || random() < rate);
