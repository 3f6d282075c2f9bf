import { CLIENT_REUSE_MS } from "./idle.ts";

/** `fetch` as our clients call it. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch that never sends on a keep-alive connection idle for `reuseMs` (default CLIENT_REUSE_MS) or longer,
 * however busy it is: its pool (a Bun.FetchSession) is replaced once it is that old, and a pool only holds
 * connections it used itself. A busy client keeps reusing connections, at the cost of one new handshake per
 * connection every `reuseMs`. Bun 1.4.4 keeps idle connections for five minutes and ignores FetchSession's
 * `keepAlive.idleTimeout`, so the bound is kept here. `now` is wall time, not the runtime clock (which a
 * harness can freeze): the server's idle timeout runs on wall time.
 */
export function boundedKeepAlive(reuseMs = CLIENT_REUSE_MS, now: () => number = () => performance.now()): Fetch {
  let pool = new Bun.FetchSession();
  let retired: Bun.FetchSession | undefined;
  let since = now();
  return (input, init) => {
    const at = now();
    if (at - since >= reuseMs) {
      // The old pool's idle connections close now; those still busy return to it, and close at the next change.
      retired?.close();
      pool.close();
      retired = pool;
      pool = new Bun.FetchSession();
      since = at;
    }
    return pool.fetch(input, init);
  };
}

/** The pool of this process's own requests to the others: calls between services, the gateway's forwarding and observation. */
export const internalFetch: Fetch = boundedKeepAlive();
