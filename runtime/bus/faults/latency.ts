import { clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { MODULE } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface LatencyFault {
  readonly kind: "latency";
  readonly module: string;
  readonly ms: number;
  /** Each call waits `ms` ± up to this much, drawn from the fault's seeded sequence. */
  readonly jitterMs?: number;
}

/**
 * Calls into one module take `ms` (± `jitterMs`) longer, as from a slow network or an overloaded neighbour.
 * The wait runs on the runtime's clock and counts against the call's timeout: a call that would wait past it
 * times out.
 */
export const latencyFault = defineFault<LatencyFault>({
  kind: "latency",
  syntax: "latency:<module>=<ms>[±<jitter>]",
  description: "calls into <module> wait <ms> (± up to <jitter>) first, within the call's timeout",
  parse: (part) => {
    const match = new RegExp(`^latency:${MODULE}=(\\d+)(?:(?:±|\\+-)(\\d+))?$`).exec(part);
    if (!match?.[1] || !match[2]) return undefined;
    const jitterMs = match[3] === undefined ? undefined : Number(match[3]);
    return { kind: "latency", module: match[1], ms: Number(match[2]), ...(jitterMs ? { jitterMs } : {}) };
  },
  format: (spec) => `latency:${spec.module}=${spec.ms}${spec.jitterMs ? `±${spec.jitterMs}` : ""}`,
  key: (spec) => `latency:${spec.module}`,
  effects: (spec, random) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (target !== spec.module) return next(target, envelope, timeoutMs);
      const jitter = spec.jitterMs ? Math.round((random() * 2 - 1) * spec.jitterMs) : 0;
      const waitMs = Math.max(0, spec.ms + jitter);
      await clock.sleep(Math.min(waitMs, timeoutMs));
      if (waitMs >= timeoutMs) throw new AppError("call_timeout", `${target} (${envelope.type}) did not answer within ${timeoutMs} ms`);
      return next(target, envelope, timeoutMs - waitMs);
    },
  }),
});
