/**
 * How long, in seconds, every server of ours (monolith, gateway, services) keeps an idle keep-alive connection.
 * Bun's default is 10 s, and it closes idle connections on a sweep every 4 s, so a connection goes after
 * between 28 and 32 s idle at 30. Clients we control stop reusing a connection well before that
 * (CLIENT_REUSE_MS): a request sent on a connection the server is closing at that instant fails (ECONNRESET;
 * Bun's fetch re-sends only idempotent methods). A request in progress is not idle, whatever it takes.
 */
export const SERVER_IDLE_TIMEOUT_S = 30;

/**
 * The longest a client we control (calls between services, the gateway's forwarding, the harness) keeps using
 * its pooled connections; it leaves 8 s of the server's shortest idle close (28 s) for a loaded machine's lag.
 */
export const CLIENT_REUSE_MS = 20_000;
