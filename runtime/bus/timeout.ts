import { clockTimeout } from "../clock.ts";
import { AppError } from "../errors.ts";

/** Rejects with `call_timeout` when `work` has not settled within `ms` of the clock; the work itself is not cancelled. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const timeout = clockTimeout(ms);
  const expired = new Promise<never>((_, reject) =>
    timeout.signal.addEventListener("abort", () => reject(new AppError("call_timeout", `${what} did not answer within ${ms} ms`)), { once: true }),
  );
  try {
    return await Promise.race([work, expired]);
  } finally {
    timeout.clear();
  }
}
