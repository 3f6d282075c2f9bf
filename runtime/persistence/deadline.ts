/**
 * The deadline of every database round trip on Postgres. A stalled server or network (packets held, the server
 * frozen) otherwise hangs a request forever: `pg` bounds nothing by default. PGlite runs in this process, so it
 * cannot stall this way and gets no deadline.
 */

/** What a `pg` client offers here: its queries and how to close it. */
interface PgClient {
  query: (...args: never[]) => unknown;
  end(): Promise<void>;
}

/** The part of a `pg` pool the deadline hooks into: every client it connects. */
export interface DeadlinePool {
  on(event: "connect", listener: (client: PgClient) => void): unknown;
}

/** `pg`'s client-side timeout of a query, the one it raises without a code. */
const READ_TIMEOUT = "Query read timeout";

/**
 * The `pg` pool options that bound each round trip to `ms`: the server cancels a statement past it
 * (`statement_timeout`, which also bounds waiting on a row lock), the client gives up on an answer that does not
 * come back (`query_timeout`: the server or the network stalled), and taking a connection from the pool, or
 * opening one, waits no longer either (`connectionTimeoutMillis`).
 */
export const deadlineOptions = (ms: number) => ({ statement_timeout: ms, query_timeout: ms, connectionTimeoutMillis: ms });

/**
 * A client whose query passed its deadline still has it on the wire (`pg` only drops it from its queue when it
 * was never sent), so every later query on it would wait behind it: it is ended, and the pool, which never
 * hands out an ending client, opens a fresh one instead.
 */
export function dropTimedOutClients(pool: DeadlinePool): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client);
    client.query = (...args) => {
      const result = query(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === READ_TIMEOUT) void client.end();
        });
      }
      return result;
    };
  });
}

/** Socket errors: the server refused, reset or dropped the connection. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ConnectionRefused"]);

/** SQLSTATEs of a server that cannot serve: class 08 (connection exception) by prefix, cancellations and shutdowns. */
const UNAVAILABLE_STATES = new Set(["57014", "57P01", "57P02", "57P03", "53300"]);

/** What `pg` and its pool raise without a code when a connection timed out or went away. */
const PG_MESSAGES = [
  READ_TIMEOUT,
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "timeout expired",
];

/**
 * Whether an error (or one it wraps: MikroORM converts the driver's) means the database did not answer in time
 * or could not be reached — a condition that heals once it answers again, not a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (PG_MESSAGES.some((message) => current.message.startsWith(message))) return true;
  }
  return false;
}
