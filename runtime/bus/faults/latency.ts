import { clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { defineFault } from "./model.ts";

export interface LatencyFault {
  readonly kind: "latency";
  readonly module: string;
  readonly ms: number;
}

/**
 * Calls into one module take `ms` longer, as from a slow network or an overloaded neighbour. The wait runs
 * on the runtime's clock and counts against the call's timeout: a call that would wait past it times out.
 */
export const latencyFault = defineFault<LatencyFault>({
  kind: "latency",
  syntax: "latency:<module>=<ms>",
  description: "calls into <module> wait <ms> first (within the call's timeout)",
  parse: (part) => {
    const match = /^latency:([a-z][a-z0-9-]*)=(\d+)$/.exec(part);
    return match?.[1] && match[2] ? { kind: "latency", module: match[1], ms: Number(match[2]) } : undefined;
  },
  format: (spec) => `latency:${spec.module}=${spec.ms}`,
  key: (spec) => `latency:${spec.module}`,
  effects: (spec) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (target !== spec.module) return next(target, envelope, timeoutMs);
      await clock.sleep(Math.min(spec.ms, timeoutMs));
      if (spec.ms >= timeoutMs) throw new AppError("call_timeout", `${target} (${envelope.type}) did not answer within ${timeoutMs} ms`);
      return next(target, envelope, timeoutMs - spec.ms);
    },
  }),
});
