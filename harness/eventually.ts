import { AsyncLocalStorage } from "node:async_hooks";

const polls = new AsyncLocalStorage<true>();

/**
 * Runs one attempt of a poll. Requests made inside are marked as polled: their answer is the first that met
 * the condition, so what else it contains depends on timing, and the harness compares only its status.
 */
export const whilePolling = <T>(attempt: () => T | Promise<T>): Promise<T> => polls.run(true, async () => attempt());

/** Whether the caller is inside a poll's attempt. */
export const isPolling = (): boolean => polls.getStore() === true;

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * Runs `assertion` until it stops throwing, then returns its value; after `timeoutMs` rethrows its last
 * failure. This is how suites wait for asynchronous effects: on a condition, never a fixed sleep.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, options: WaitOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await whilePolling(assertion);
    } catch (error) {
      if (performance.now() >= deadline) {
        if (error instanceof Error) error.message = `not true within ${timeoutMs} ms: ${error.message}`;
        throw error;
      }
    }
    await Bun.sleep(intervalMs);
  }
}
