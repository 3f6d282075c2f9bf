import { type ErrorCode, unavailableErrorCodes } from "../../../contracts/errors.ts";
import { isAppError } from "../../../runtime/module-api/index.ts";

/** What running a step came to: move on, give up and compensate, or try again later. */
export type Outcome =
  | { readonly kind: "next"; readonly chargeId?: string }
  | { readonly kind: "compensate"; readonly reason: string }
  | { readonly kind: "retry"; readonly error: string };

/** Failures that may heal by themselves: the other side is down, slow, busy (or failed fast for it), or its provider hiccuped. */
const TRANSIENT: readonly ErrorCode[] = [...unavailableErrorCodes, "payment_provider_error", "idempotency_key_in_progress", "internal"];

/** A step's failure as an outcome: a known business refusal compensates, anything transient retries. */
export function failure(error: unknown, refusals: Partial<Record<ErrorCode, string>>): Outcome {
  for (const [code, reason] of Object.entries(refusals) as [ErrorCode, string][]) {
    if (isAppError(error, code)) return { kind: "compensate", reason };
  }
  const code = isAppError(error) ? error.code : "internal";
  if (TRANSIENT.includes(code)) return { kind: "retry", error: `${code}: ${(error as Error).message}` };
  return { kind: "compensate", reason: code };
}

/**
 * Whether a saga is past its checkout deadline while it still reserves or charges. Everything that decides
 * about a charge (the runner, the transition, the late-payment handler) asks this one question, so a charge
 * is late once the deadline has passed, whether or not the saga has noticed yet.
 */
export const isLate = (saga: { readonly step: string; readonly deadlineAt: Date }, now: Date): boolean =>
  (saga.step === "reserve" || saga.step === "charge") && now > saga.deadlineAt;

/** Why a saga that ran out of time gave up, from the last thing that went wrong. */
export const timeoutReason = (step: string, lastError: string | null): string =>
  step === "charge" ? (lastError?.startsWith("payment_provider_error") ? "payment_failed" : "payment_timeout") : "checkout_timeout";

/** Exponential backoff for transient failures: 200 ms, 400 ms, ... at most 5 s. */
export const retryDelayMs = (attempts: number): number => Math.min(5000, 200 * 2 ** Math.min(attempts, 10));
