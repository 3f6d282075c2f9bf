import { clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { formatRate, MODULE, RATE, rateOf, touches } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface BlackholeFault {
  readonly kind: "blackhole";
  readonly module: string;
  readonly rate: number;
}

/**
 * Calls into one module vanish: nothing reaches it and nothing comes back, so the caller waits its whole
 * timeout (on the runtime clock) and fails with call_timeout, as behind a dropped route or a frozen process.
 */
export const blackholeFault = defineFault<BlackholeFault>({
  kind: "blackhole",
  syntax: "blackhole:<module>[@<rate>]",
  description: "calls into <module> are never answered: the caller waits its timeout",
  parse: (part) => {
    const match = new RegExp(`^blackhole:${MODULE}${RATE}$`).exec(part);
    return match?.[1] ? { kind: "blackhole", module: match[1], rate: rateOf(match[2]) } : undefined;
  },
  format: (spec) => `blackhole:${spec.module}${formatRate(spec.rate)}`,
  key: (spec) => `blackhole:${spec.module}`,
  effects: (spec, random) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (!touches(target, spec.module, spec.rate, random)) return next(target, envelope, timeoutMs);
      await clock.sleep(timeoutMs);
      throw new AppError("call_timeout", `${target} (${envelope.type}) did not answer within ${timeoutMs} ms`);
    },
  }),
});
