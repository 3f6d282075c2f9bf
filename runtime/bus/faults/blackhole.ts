import { clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { CALL_TARGET, formatRate, RATE, rateOf, touchesCall } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface BlackholeFault {
  readonly kind: "blackhole";
  /** A module (every call into it) or one call by name. */
  readonly target: string;
  readonly rate: number;
}

/**
 * Calls into one module vanish: nothing reaches it and nothing comes back, so the caller waits its whole
 * timeout (on the runtime clock) and fails with call_timeout, as behind a dropped route or a frozen process.
 */
export const blackholeFault = defineFault<BlackholeFault>({
  kind: "blackhole",
  syntax: "blackhole:<module|call>[@<rate>]",
  description: "calls into <module|call> are never answered: the caller waits its timeout",
  parse: (part) => {
    const match = new RegExp(`^blackhole:${CALL_TARGET}${RATE}$`).exec(part);
    return match?.[1] ? { kind: "blackhole", target: match[1], rate: rateOf(match[2]) } : undefined;
  },
  format: (spec) => `blackhole:${spec.target}${formatRate(spec.rate)}`,
  key: (spec) => `blackhole:${spec.target}`,
  effects: (spec, random) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (!touchesCall(target, envelope.type, spec.target, spec.rate, random)) return next(target, envelope, timeoutMs);
      await clock.sleep(timeoutMs);
      throw new AppError("call_timeout", `${target} (${envelope.type}) did not answer within ${timeoutMs} ms`);
    },
  }),
});
