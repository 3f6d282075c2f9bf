/** A connection the peer refused: nothing was sent, so another instance of the same service may take the request. */
const refused = (error: unknown): boolean => (error as { code?: string } | null)?.code === "ECONNREFUSED";

/**
 * Sends to `first`; while an instance refuses the connection, sends to the next address `next` names, until
 * one repeats (every replica was tried) — the way a call or a proxied request fails over between replicas.
 * Only a refused connection moves on: a request that may have reached its instance is never sent twice.
 */
export async function untilAccepted<T>(first: string, next: () => string | undefined, send: (base: string) => Promise<T>): Promise<T> {
  const tried = new Set<string>();
  let base: string | undefined = first;
  for (;;) {
    tried.add(base);
    try {
      return await send(base);
    } catch (error) {
      base = refused(error) ? next() : undefined;
      if (base === undefined || tried.has(base)) throw error;
    }
  }
}
