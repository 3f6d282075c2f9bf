import { SECRET_HEADERS } from "../secrets.ts";

/** Fields whose value is a secret wherever a record names them: passwords, session and verification tokens, card tokens. */
const SECRET_FIELDS = ["password", "token", "payment_token"];

/** Where headers, bodies and payloads would sit in a record, should one ever be logged. */
const CONTAINERS = ["", "body.", "payload.", "request.", "envelope.payload.", "req.body."];
const HEADER_CONTAINERS = ["headers", "req.headers", "request.headers", "res.headers"];

/**
 * The paths pino's redaction censors. Defence in depth: no line logs a body, a payload or headers, and a
 * test (runtime/log/secrets.test.ts) greps real lines for the secrets a topology handled. Explicit paths
 * only: a wildcard path costs pino several times more per line.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...CONTAINERS.flatMap((at) => SECRET_FIELDS.map((field) => `${at}${field}`)),
  ...HEADER_CONTAINERS.flatMap((at) => SECRET_HEADERS.map((header) => `${at}["${header}"]`)),
];
