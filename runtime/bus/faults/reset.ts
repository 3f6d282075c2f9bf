import { AppError } from "../../errors.ts";
import { CALL_TARGET, formatRate, RATE, rateOf, touchesCall } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface ResetFault {
  readonly kind: "reset";
  /** A module (every call into it) or one call by name. */
  readonly target: string;
  readonly rate: number;
}

/**
 * The call reaches the module, which does its work and commits; then the connection resets before the reply.
 * Unlike a lost reply the caller learns at once (service_unavailable), with time left in its deadline: the bus
 * retries a call its contract marks retry-safe, so a handler that is not has its effect once per attempt.
 */
export const resetFault = defineFault<ResetFault>({
  kind: "reset",
  syntax: "reset:<module|call>[@<rate>]",
  description: "calls into <module|call> run, then their connection resets: the caller fails at once, after the effect",
  parse: (part) => {
    const match = new RegExp(`^reset:${CALL_TARGET}${RATE}$`).exec(part);
    return match?.[1] ? { kind: "reset", target: match[1], rate: rateOf(match[2]) } : undefined;
  },
  format: (spec) => `reset:${spec.target}${formatRate(spec.rate)}`,
  key: (spec) => `reset:${spec.target}`,
  effects: (spec, random) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (!touchesCall(target, envelope.type, spec.target, spec.rate, random)) return next(target, envelope, timeoutMs);
      await next(target, envelope, timeoutMs).catch(() => undefined);
      throw new AppError("service_unavailable", `${target} (${envelope.type}) ran, and the connection was reset before its reply`);
    },
  }),
});
