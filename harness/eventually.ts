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
      return await assertion();
    } catch (error) {
      if (performance.now() >= deadline) {
        if (error instanceof Error) error.message = `not true within ${timeoutMs} ms: ${error.message}`;
        throw error;
      }
    }
    await Bun.sleep(intervalMs);
  }
}
