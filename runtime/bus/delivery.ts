import { isAppError } from "../errors.ts";
import type { DeliveryPolicy } from "./transport.ts";

/** A receiver's error that retrying cannot fix: the message itself is wrong, so it goes straight to the dead letters. */
export const isPermanentFailure = (error: unknown): boolean => isAppError(error, "contract_violation");

/** Exponential backoff before attempt `attempt + 1`, the same curve BullMQ's "exponential" backoff uses. */
export const backoffDelay = (policy: DeliveryPolicy, attempt: number): number => policy.backoffMs * 2 ** (attempt - 1);

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${isAppError(error) ? `${error.code}: ` : ""}${error.message}` : String(error);
