import { type ErrorCode, errorStatus } from "../../../contracts/errors.ts";
import { AppError } from "../../errors.ts";
import { CALL_TARGET, formatRate, RATE, rateOf, touchesCall } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface ErrorReplyFault {
  readonly kind: "error";
  /** A module (every call into it) or one call by name. */
  readonly target: string;
  readonly code: ErrorCode;
  readonly rate: number;
}

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorStatus, code);

/**
 * Calls into one module are answered with an error code instead of reaching it, as a provider in trouble
 * answers (its database down: `service_unavailable`; its own provider failing: `payment_provider_error`). A
 * code the call's contract does not declare reaches the caller as the contract violation it would be.
 */
export const errorReplyFault = defineFault<ErrorReplyFault>({
  kind: "error",
  syntax: "error:<module|call>=<code>[@<rate>]",
  description: "calls into <module|call> are answered with the error <code> (a share <rate> of them), unsent",
  parse: (part) => {
    const match = new RegExp(`^error:${CALL_TARGET}=([a-z_]+)${RATE}$`).exec(part);
    if (!match?.[1] || !match[2] || !isErrorCode(match[2])) return undefined;
    return { kind: "error", target: match[1], code: match[2], rate: rateOf(match[3]) };
  },
  format: (spec) => `error:${spec.target}=${spec.code}${formatRate(spec.rate)}`,
  key: (spec) => `error:${spec.target}`,
  effects: (spec, random) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (!touchesCall(target, envelope.type, spec.target, spec.rate, random)) return next(target, envelope, timeoutMs);
      throw new AppError(spec.code, `${target} answered ${spec.code} to ${envelope.type} (an injected fault)`);
    },
  }),
});
