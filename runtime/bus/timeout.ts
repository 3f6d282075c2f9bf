import { clock } from "../clock.ts";
import { AppError } from "../errors.ts";

/**
 * Rejects with `call_timeout` when `work` has not settled within `ms` of the clock; the work itself is not
 * cancelled. One scheduled wake-up and one promise per call: an AbortController, a sleeping promise and its
 * listeners per call were 40 % of an in-memory call's time.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = clock.schedule(ms, () => reject(new AppError("call_timeout", `${what} did not answer within ${ms} ms`)));
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
