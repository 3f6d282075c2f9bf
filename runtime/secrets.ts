import { createHash, timingSafeEqual } from "node:crypto";

/** The header carrying the internal token split processes share: calls between services, the gateway's forwarded requests. */
export const INTERNAL_TOKEN_HEADER = "x-twofold-internal";

/** The header carrying the operator API's key. */
export const OPERATOR_KEY_HEADER = "x-operator-key";

/** Every request header that carries a secret: a session, a cookie, the operator key, the internal token. */
export const SECRET_HEADERS: readonly string[] = ["authorization", "cookie", "set-cookie", OPERATOR_KEY_HEADER, INTERNAL_TOKEN_HEADER];

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Compares a secret someone presented with the one configured, in constant time: both are hashed first, so
 * neither the length nor the first differing byte shows in the time it takes.
 */
export function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** Why a split process refuses to start without the internal token (the http channel and the gateway both need it). */
export const MISSING_INTERNAL_TOKEN =
  "TWOFOLD_INTERNAL_TOKEN is required outside development: every process of the split topology must share one secret (≥ 16 characters) for its internal calls";
