import { clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { CALL_TARGET, formatRate, RATE, rateOf, touchesCall } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface LoseReplyFault {
  readonly kind: "lose-reply";
  /** A module (every call into it) or one call by name. */
  readonly target: string;
  readonly rate: number;
}

/**
 * The call reaches the module, which does its work and commits; its reply is lost on the way back. The
 * caller waits out its timeout and fails with call_timeout, while the effect happened: what a retry, a
 * compensation or an idempotency key must cope with.
 */
export const loseReplyFault = defineFault<LoseReplyFault>({
  kind: "lose-reply",
  syntax: "lose-reply:<module|call>[@<rate>]",
  description: "calls into <module|call> run, but their replies are lost: the caller times out after the effect",
  parse: (part) => {
    const match = new RegExp(`^lose-reply:${CALL_TARGET}${RATE}$`).exec(part);
    return match?.[1] ? { kind: "lose-reply", target: match[1], rate: rateOf(match[2]) } : undefined;
  },
  format: (spec) => `lose-reply:${spec.target}${formatRate(spec.rate)}`,
  key: (spec) => `lose-reply:${spec.target}`,
  effects: (spec, random) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (!touchesCall(target, envelope.type, spec.target, spec.rate, random)) return next(target, envelope, timeoutMs);
      const sentAt = clock.nowMs();
      await next(target, envelope, timeoutMs).catch(() => undefined);
      await clock.sleep(Math.max(0, timeoutMs - (clock.nowMs() - sentAt)));
      throw new AppError("call_timeout", `${target} (${envelope.type}) did not answer within ${timeoutMs} ms`);
    },
  }),
});
