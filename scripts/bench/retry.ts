import type { Bench } from "./context.ts";

const ATTEMPTS = 4;

/**
 * Starts something again when a start fails, saying so. runtime/infra/postgres.ts queries its new server as
 * soon as the port accepts TCP, and on a loaded machine that query often lands before the server accepts
 * sessions ("the database system is starting up"): the split launcher and the bench's own Postgres fail then.
 * The last failure is the metric's failure.
 */
export async function retried<T>(bench: Bench, what: string, start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      bench.log(`${what} failed to start (${error instanceof Error ? error.message : error}); attempt ${attempt + 1} of ${ATTEMPTS}`);
    }
  }
}
