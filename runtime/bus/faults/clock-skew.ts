import { MODULE } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface ClockSkewFault {
  readonly kind: "clock";
  readonly module: string;
  /** How far ahead (behind when negative) the module's clock reads. */
  readonly offsetMs: number;
}

/**
 * One module reads its clock skewed, as on a machine whose clock drifted: its deadlines, expiries, timestamps
 * and the times it writes are `offsetMs` ahead or behind everyone else's, while waits still take their real
 * length. The same in every topology (a module's clock, not a process's), so a skew that breaks something
 * breaks it in the monolith too. What breaks is a time one module writes and another compares with its own.
 */
export const clockSkewFault = defineFault<ClockSkewFault>({
  kind: "clock",
  syntax: "clock:<module>=<+|-><ms>",
  description: "<module> reads its clock <ms> ahead (+) or behind (-) the others'",
  parse: (part) => {
    const match = new RegExp(`^clock:${MODULE}=([+-])(\\d+)$`).exec(part);
    if (!match?.[1] || !match[2] || !match[3]) return undefined;
    return { kind: "clock", module: match[1], offsetMs: (match[2] === "-" ? -1 : 1) * Number(match[3]) };
  },
  format: (spec) => `clock:${spec.module}=${spec.offsetMs < 0 ? "-" : "+"}${Math.abs(spec.offsetMs)}`,
  key: (spec) => `clock:${spec.module}`,
  effects: (spec) => ({ clockOffsetMs: (module) => (module === spec.module ? spec.offsetMs : 0) }),
});
